// Laziness numbers on short sequences computed by hand.
#include "eval/laziness.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cadenza::eval {
namespace {

const Tokens kPiece = {"C4", "C4", "C4", "E4", "G4", "0.4.7", "C4"};

TEST(Laziness, MostFrequentShareAndLongestRun) {
  EXPECT_DOUBLE_EQ(most_frequent_share(kPiece), 4.0 / 7.0);
  EXPECT_EQ(longest_run(kPiece), 3u);
  EXPECT_EQ(longest_run({"A4", "B4", "A4"}), 1u);
  EXPECT_EQ(longest_run({}), 0u);
  EXPECT_DOUBLE_EQ(most_frequent_share({}), 0.0);
}

TEST(Laziness, DistinctNgramRatios) {
  EXPECT_DOUBLE_EQ(distinct_ngram_ratio(kPiece, 1), 4.0 / 7.0);
  // (C4 C4) twice, then C4-E4, E4-G4, G4-chord, chord-C4: 5 distinct of 6.
  EXPECT_DOUBLE_EQ(distinct_ngram_ratio(kPiece, 2), 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(distinct_ngram_ratio(kPiece, 7), 1.0);
  EXPECT_DOUBLE_EQ(distinct_ngram_ratio(kPiece, 8), 0.0);  // too short
  EXPECT_DOUBLE_EQ(distinct_ngram_ratio({"A4", "A4", "A4", "A4"}, 3), 0.5);
}

TEST(Laziness, PitchClassesOfTokens) {
  EXPECT_EQ(token_pitch_classes("C#4"), std::vector<int>{1});
  EXPECT_EQ(token_pitch_classes("E-5"), std::vector<int>{3});
  EXPECT_EQ(token_pitch_classes("11.3.6"), (std::vector<int>{11, 3, 6}));
  EXPECT_TRUE(token_pitch_classes("12.4").empty());
  EXPECT_TRUE(token_pitch_classes("rest").empty());
  EXPECT_TRUE(token_pitch_classes("0..4").empty());
}

TEST(Laziness, PitchClassEntropyInBits) {
  // Pitch classes: C x5 (four notes and the chord's), E x2, G x2 of 9.
  const double expected = -(5.0 / 9 * std::log2(5.0 / 9) + 2 * (2.0 / 9 * std::log2(2.0 / 9)));
  EXPECT_NEAR(pitch_class_entropy(kPiece), expected, 1e-12);
  EXPECT_DOUBLE_EQ(pitch_class_entropy({"C4", "C5"}), 0.0);
  EXPECT_NEAR(pitch_class_entropy({"0.1.2.3.4.5.6.7.8.9.10.11"}), std::log2(12.0), 1e-12);
}

TEST(Laziness, CopiedNgramsRespectDocumentBoundaries) {
  NgramIndex index(2);
  index.add({"C4", "E4", "G4"});
  index.add({"A4"});  // shorter than n: nothing
  EXPECT_EQ(index.size(), 2u);
  // Bigrams of the piece found in the corpus: C4-E4 and E4-G4, 2 of 6.
  EXPECT_DOUBLE_EQ(copied_ngram_share(kPiece, index), 2.0 / 6.0);

  NgramIndex split(2);
  split.add({"A4", "B4"});
  split.add({"C5", "D5"});
  EXPECT_FALSE(split.contains({"B4", "C5"}, 0));
  EXPECT_TRUE(split.contains({"x", "C5", "D5"}, 1));
  EXPECT_DOUBLE_EQ(copied_ngram_share({"A4", "B4", "C5", "D5"}, split), 2.0 / 3.0);
}

TEST(Laziness, ReportAndMean) {
  NgramIndex index(8);
  const Tokens copy = {"C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5", "D5"};
  index.add(copy);
  const LazinessReport a = laziness(copy, &index);
  EXPECT_DOUBLE_EQ(a.copied_8gram_share, 1.0);
  EXPECT_DOUBLE_EQ(a.longest_run, 1.0);
  EXPECT_DOUBLE_EQ(a.distinct_ratio[3], 1.0);
  const LazinessReport b = laziness({"C4", "C4"}, nullptr);
  EXPECT_DOUBLE_EQ(b.copied_8gram_share, 0.0);
  EXPECT_DOUBLE_EQ(b.longest_run, 2.0);
  const LazinessReport mean = mean_report({a, b});
  EXPECT_DOUBLE_EQ(mean.longest_run, 1.5);
  EXPECT_DOUBLE_EQ(mean.copied_8gram_share, 0.5);
  const std::string table = format_laziness_table({{"T=0.3", mean}});
  EXPECT_NE(table.find("copied-8"), std::string::npos);
  EXPECT_NE(table.find("T=0.3"), std::string::npos);
}

}  // namespace
}  // namespace cadenza::eval
