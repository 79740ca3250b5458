#include "data/transpose.h"

#include <gtest/gtest.h>

namespace cadenza::data {
namespace {

TEST(Transpose, ReadsMusic21NoteNames) {
  EXPECT_EQ(note_midi("C4"), 60);
  EXPECT_EQ(note_midi("E-4"), 63);
  EXPECT_EQ(note_midi("F#3"), 54);
  EXPECT_EQ(note_midi("B-1"), 34);  // B-flat 1, as music21 writes it
  EXPECT_EQ(note_midi("C-1"), 0);   // C in octave -1 (music21 writes no C-flat for MIDI)
  EXPECT_EQ(note_midi("G#-1"), 8);
  EXPECT_EQ(note_midi("0.4.7"), std::nullopt);
  EXPECT_EQ(note_midi("H4"), std::nullopt);
  EXPECT_EQ(note_name(63), "E-4");
  EXPECT_EQ(note_name(0), "C-1");
}

TEST(Transpose, MovesNotesAndChords) {
  EXPECT_EQ(transpose_token("E-4", 1), "E4");
  EXPECT_EQ(transpose_token("B3", 1), "C4");
  EXPECT_EQ(transpose_token("C4", -1), "B3");
  EXPECT_EQ(transpose_token("C#5", 6), "G5");
  EXPECT_EQ(transpose_token("0.4.7", 2), "2.6.9");
  EXPECT_EQ(transpose_token("11.3.6", 1), "0.4.7");
  EXPECT_EQ(transpose_token("2.6.9", -5), "9.1.4");
  EXPECT_EQ(transpose_token("7", 6), "1");
  EXPECT_EQ(transpose_token("G-1", -8), std::nullopt);  // below MIDI 0
  EXPECT_EQ(transpose_token("C-1", 4), std::nullopt);   // E natural -1 would read as E-flat 1
  EXPECT_EQ(transpose_token("rest", 1), std::nullopt);
  EXPECT_EQ(transpose_token("0.4.", 1), std::nullopt);
}

TEST(Transpose, TableStaysInsideTheVocabulary) {
  tokens::Vocab vocab({"0.4.8", "1.5.9", "C4", "C#4", "D4", "X"});
  Transposer transposer(vocab);
  EXPECT_EQ(transposer.transpose(vocab.id("C4"), 1), vocab.id("C#4"));
  EXPECT_EQ(transposer.transpose(vocab.id("C4"), 2), vocab.id("D4"));
  EXPECT_EQ(transposer.transpose(vocab.id("C4"), 3), -1);  // D#4 is not in the vocabulary
  EXPECT_EQ(transposer.transpose(vocab.id("0.4.8"), 1), vocab.id("1.5.9"));
  // 0.4.8 + 4 = 4.8.0, whose rotation 0.4.8 is in the vocabulary (a symmetric chord).
  EXPECT_EQ(transposer.transpose(vocab.id("0.4.8"), 4), vocab.id("0.4.8"));
  EXPECT_EQ(transposer.transpose(vocab.id("X"), 0), vocab.id("X"));
  EXPECT_EQ(transposer.transpose(vocab.id("X"), 1), -1);

  std::int64_t window[] = {vocab.id("C4"), vocab.id("0.4.8")};
  EXPECT_EQ(transposer.valid_shifts(window, 2), (std::vector<int>{0, 1}));
  std::mt19937_64 rng(3);
  for (int i = 0; i < 20; ++i) {
    std::int64_t ids[] = {vocab.id("C4"), vocab.id("0.4.8")};
    int shift = transposer.augment(ids, 2, rng);
    ASSERT_TRUE(shift == 0 || shift == 1);
    EXPECT_EQ(ids[0], shift == 0 ? vocab.id("C4") : vocab.id("C#4"));
  }
}

}  // namespace
}  // namespace cadenza::data
