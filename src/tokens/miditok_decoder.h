#pragma once
// MidiTok 2.1.8 REMI / TSD tokens (one stream, Program tokens) -> notes, tempos and time
// signatures, as MidiTok's tokens_to_midi() decodes them, then -> score::Score -> MIDI.
//
// Any sequence decodes, including what a model emits. Where MidiTok 2.1.8 would raise or write a
// file that cannot exist, the token is skipped and counted by reason:
// - text that is no token of the scheme's vocabulary (or of its kinds: a TimeSig_7/8 is read);
// - a Pitch not followed by Velocity and Duration (MidiTok ignores it too), a Velocity or
//   Duration that belongs to no note, special tokens (PAD, BOS, EOS, MASK);
// - values MIDI cannot hold: a pitch outside 0-127, a velocity outside 1-127, a program
//   outside -1..127, a time signature that is not n/2^k with n in 1..255, a Position that
//   lands before the start of the piece.
// What MidiTok accepts is decoded as it does: a Position that goes back moves time back in
// the bar, an empty Bar is a bar of silence, a repeated Tempo at one tick keeps the first.
// One deliberate difference: TSD time signatures are kept where the TimeSig tokens put them
// (4/4 at 0 when there is none). MidiTok 2.1.8 starts from a 4/4 placeholder that it drops at
// the end whenever any change was decoded (a piece that starts in 4/4 and changes later comes
// out starting in the later signature) and ignores a TimeSig equal to the current one (which
// the encoder writes for a repeated time signature event).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "score/score.h"
#include "tokens/miditok_vocab.h"

namespace cadenza::tokens::miditok {

struct DecodedNote {
  int pitch = 60, velocity = 64;
  std::int64_t start = 0, end = 0;
};

struct DecodedInstrument {
  int program = 0;                 // -1: drums
  std::vector<DecodedNote> notes;  // in token order
};

struct DecodedTempo {
  std::int64_t tick = 0;
  double bpm = 120;
};

struct DecodedTimeSignature {
  std::int64_t tick = 0;
  int numerator = 4, denominator = 4;
};

struct DecodedPiece {
  std::int64_t ticks_per_beat = 384;
  std::vector<DecodedInstrument> instruments;  // in the order of their first note (MidiTok's)
  std::vector<DecodedTempo> tempos;            // first at tick 0
  // REMI: the first at tick 0; TSD: as the tokens give them (MIDI's 4/4 holds before the first)
  std::vector<DecodedTimeSignature> time_signatures;
  std::map<std::string, std::size_t> skipped;  // reason -> tokens
  // Per note in token order: its instrument's index and its onset (how to_score() orders tracks).
  std::vector<std::pair<std::size_t, std::int64_t>> note_order;
  std::size_t skipped_count() const;
  std::size_t note_count() const;
};

// `ticks_per_beat` must be a positive multiple of 8 (MidiTok asserts the same).
// REMI after a time signature change off MidiTok's bar grid (an unquantized first time
// signature, e.g. at tick 2): the encoder counts the following bars from the change, MidiTok
// 2.1.8's decoder from the bar before, so its notes come out up to a bar early. By default
// bars are counted as the encoder counts them (the notes come back where they were);
// `miditok_bars` decodes exactly as MidiTok 2.1.8 does. Both agree on every other sequence.
DecodedPiece decode(const std::vector<std::string>& tokens, Scheme scheme,
                    std::int64_t ticks_per_beat = 384, bool miditok_bars = false);

// The scheme of a token sequence: REMI if it has a Bar or Position token, TSD if it has a
// TimeShift token (whichever comes first), else REMI (`detokenize --format auto`).
Scheme guess_scheme(const std::vector<std::string>& tokens);

// One track per instrument after a conductor track (tempos, time signatures), drums on channel
// 10, other instruments on channels 1-9, 11-16 in turn, GM program changes. Tracks follow an
// order in which every onset lists instruments as the tokens do, and notes of one pitch that
// overlap go to an extra track of the same program, so that reading the MIDI file back as
// miditoolkit does (first-in first-out note-offs) gives the same notes and the same tokens.
score::Score to_score(const DecodedPiece& piece);

}  // namespace cadenza::tokens::miditok
