#pragma once
// One MidiTok token as a small value ("Pitch_60" is {Pitch, 60}) and its text. Tokens outside
// MidiTok's vocabulary (a TimeSig_7/8, a Position_52) can be represented too: the vocabulary
// (miditok_vocab.h) tells them apart.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tokens/miditok_config.h"

namespace cadenza::tokens::miditok {

enum class TokenKind : std::uint8_t {
  Pad,
  Bos,
  Eos,
  Mask,
  Bar,
  Position,   // value: position in the bar, in 1/8 beats
  TimeShift,  // value: index into Config::durations
  Pitch,      // value: MIDI key
  Velocity,   // value: velocity (one of Config::velocities)
  Duration,   // value: index into Config::durations
  Program,    // value: -1 (drums) .. 127
  Tempo,      // value: index into Config::tempos
  TimeSig,    // value: numerator, extra: denominator
};

struct Token {
  TokenKind kind = TokenKind::Pad;
  int value = 0;
  int extra = 0;
  bool operator==(const Token& o) const {
    return kind == o.kind && value == o.value && extra == o.extra;
  }
};

std::string token_text(const Token& token, const Config& config = default_config());

// Parses "Type_Value"; nullopt for text that is no MidiTok token of these kinds (a Tempo
// value that is not one of the 32, a Duration that is not one of the 64 ...).
std::optional<Token> parse_token(std::string_view text, const Config& config = default_config());

}  // namespace cadenza::tokens::miditok
