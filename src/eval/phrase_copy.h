#pragma once
// How much of a piece is copied from training pieces, phrase by phrase: the share of its note
// 8-grams found in any training file. A phrase is 8 consecutive notes of one pitched track
// (notes sorted by onset, then pitch), described without its key and its place in time: the 7
// pitch intervals and onset gaps between neighbouring notes and the 8 durations, times in 1/8
// quarter note. So a riff played in another key or another bar counts as copied; drums are
// left out.
#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "score/score.h"

namespace cadenza::eval {

inline constexpr std::size_t kPhraseNotes = 8;
inline constexpr int kPhraseStepsPerQuarter = 8;
// Onset gaps and durations are clipped to 0..64 and 1..64 steps (eight quarter notes): longer
// rests and notes all look alike.
inline constexpr int kPhraseMaxSteps = 64;

// The hashes of every phrase of a score, track by track (a track: one MIDI track and channel).
std::vector<std::uint64_t> phrase_hashes(const score::Score& score);

class PhraseIndex {
 public:
  void add(const score::Score& score);
  void add_hashes(const std::vector<std::uint64_t>& hashes);
  bool contains(std::uint64_t hash) const { return hashes_.count(hash) > 0; }
  std::size_t size() const { return hashes_.size(); }

 private:
  std::unordered_set<std::uint64_t> hashes_;
};

// Share of the score's phrases found in the index; NaN when the score has none (no track of 8
// pitched notes).
double phrase_copy_rate(const score::Score& score, const PhraseIndex& index);

}  // namespace cadenza::eval
