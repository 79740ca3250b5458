#pragma once
// Transposition of REMI+ tokens (MidiTok's, with Program tokens) for augmentation: every Pitch
// of a pitched instrument moves by the same number of semitones; drum notes (after Program_-1)
// stay, since their pitch names a drum, not a note. A shift is valid when every moved pitch
// stays inside the vocabulary's pitch range (MidiTok's 21..108).
#include <cstdint>
#include <random>
#include <vector>

#include "data/augmenter.h"
#include "tokens/vocab.h"

namespace cadenza::data {

class RemiTransposer : public Augmenter {
 public:
  // Throws std::invalid_argument when the vocabulary has no Pitch or Program tokens.
  explicit RemiTransposer(const tokens::Vocab& vocab, int min_shift = -5, int max_shift = 6);

  // Shifts in [min_shift, max_shift] that keep the window's pitched notes in range (always
  // includes 0). The window is read from its first token: a Pitch before any Program counts
  // as pitched.
  std::vector<int> valid_shifts(const std::int64_t* ids, std::size_t count) const;
  void transpose(std::int64_t* ids, std::size_t count, int semitones) const;
  int augment(std::int64_t* ids, std::size_t count, std::mt19937_64& rng) const override;

 private:
  int min_shift_, max_shift_;
  int pitch_low_ = 128, pitch_high_ = -1;  // range of Pitch tokens in the vocabulary
  std::vector<int> pitch_of_;              // per id: its pitch, or -1
  std::vector<int> program_of_;            // per id: its program (-1 drums), or -2
  std::vector<std::int64_t> pitch_id_;     // per pitch 0..127: its id, or -1
};

}  // namespace cadenza::data
