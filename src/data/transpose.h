#pragma once
// Transposition of the paper's tokens, used to augment training data: a note name
// ("E-4", "C#5", "C-1") moves by whole semitones and is respelled the way music21 spells MIDI
// pitches (C C# D E- E F F# G G# A B-  B); a chord ("0.4.7", pitch classes in normal order)
// moves every pitch class modulo 12. Only '-' after E or B is a flat, so "C-1" is C in
// octave -1, as music21 writes it.
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "data/augmenter.h"
#include "tokens/vocab.h"

namespace cadenza::data {

constexpr int kMinShift = -5;
constexpr int kMaxShift = 6;
constexpr int kShiftCount = kMaxShift - kMinShift + 1;  // 12: every key once

// MIDI number of a note token, or nothing when the token is not a note.
std::optional<int> note_midi(const std::string& token);
std::string note_name(int midi);  // music21 spelling, e.g. 63 -> "E-4"

// The token moved by `semitones`; nothing when it is neither a note nor a chord, or a note
// leaves the MIDI range 0..127, or the result cannot be spelled without ambiguity.
std::optional<std::string> transpose_token(const std::string& token, int semitones);

// Per-vocabulary transposition table: id -> id for each shift in kMinShift..kMaxShift, or -1
// when the transposed token is not in the vocabulary. A chord whose shifted spelling is not in
// the vocabulary may still match a rotation of it (normal order of symmetric chords).
class Transposer : public Augmenter {
 public:
  explicit Transposer(const tokens::Vocab& vocab);

  std::int64_t transpose(std::int64_t id, int semitones) const;
  // Shifts under which every id of the window has a transposed id (always includes 0).
  std::vector<int> valid_shifts(const std::int64_t* ids, std::size_t count) const;
  // Transposes the window in place by a shift drawn uniformly from its valid shifts;
  // returns the shift used.
  int augment(std::int64_t* ids, std::size_t count, std::mt19937_64& rng) const override;

 private:
  std::size_t vocab_size_ = 0;
  std::vector<std::int64_t> table_;  // [shift index][id]
};

}  // namespace cadenza::data
