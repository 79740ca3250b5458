#include "data/remi_transpose.h"

#include <gtest/gtest.h>

#include "tokens/remi_corpus.h"

namespace cadenza::data {
namespace {

class RemiTransposeTest : public ::testing::Test {
 protected:
  tokens::Vocab vocab = tokens::remi_vocab();
  RemiTransposer transposer{vocab};
  std::vector<std::int64_t> ids(const std::vector<std::string>& texts) {
    return vocab.encode(texts);
  }
};

TEST_F(RemiTransposeTest, PitchedNotesMoveAndDrumsStay) {
  auto window = ids({"Bar_None", "TimeSig_4/4", "Position_0", "Program_32", "Pitch_36",
                     "Velocity_63", "Duration_1.0.8", "Program_-1", "Pitch_42", "Velocity_63",
                     "Duration_0.2.8", "Program_0", "Pitch_60", "Velocity_63", "Duration_1.0.8"});
  transposer.transpose(window.data(), window.size(), 3);
  EXPECT_EQ(vocab.decode(window),
            (std::vector<std::string>{"Bar_None", "TimeSig_4/4", "Position_0", "Program_32",
                                      "Pitch_39", "Velocity_63", "Duration_1.0.8", "Program_-1",
                                      "Pitch_42", "Velocity_63", "Duration_0.2.8", "Program_0",
                                      "Pitch_63", "Velocity_63", "Duration_1.0.8"}));
}

TEST_F(RemiTransposeTest, ValidShiftsKeepPitchedNotesInMidiToksRange) {
  // Lowest pitched note 23 (REMI's range is 21..108): at most 2 semitones down. The drum's 22
  // is no limit.
  auto window = ids({"Program_-1", "Pitch_22", "Velocity_63", "Duration_0.2.8", "Program_33",
                     "Pitch_23", "Velocity_63", "Duration_0.2.8", "Program_0", "Pitch_104",
                     "Velocity_63", "Duration_0.2.8"});
  EXPECT_EQ(transposer.valid_shifts(window.data(), window.size()),
            (std::vector<int>{-2, -1, 0, 1, 2, 3, 4}));
  auto drums_only = ids({"Program_-1", "Pitch_22", "Velocity_63", "Duration_0.2.8"});
  EXPECT_EQ(transposer.valid_shifts(drums_only.data(), drums_only.size()).size(), 12u);
}

TEST_F(RemiTransposeTest, AugmentDrawsAValidShift) {
  auto window = ids({"Program_0", "Pitch_106", "Velocity_63", "Duration_0.2.8"});
  std::mt19937_64 rng(3);
  std::set<int> seen;
  for (int i = 0; i < 200; ++i) {
    auto copy = window;
    const int shift = transposer.augment(copy.data(), copy.size(), rng);
    seen.insert(shift);
    EXPECT_EQ(vocab.token(copy[1]), "Pitch_" + std::to_string(106 + shift));
  }
  EXPECT_EQ(seen, (std::set<int>{-5, -4, -3, -2, -1, 0, 1, 2}));
}

}  // namespace
}  // namespace cadenza::data
