// The GTZAN constants against the data set itself: the Kaggle CSV header
// (shared/data/gtzan/features_30_sec.csv: filename, length, 57 columns, label) and its clips.
#include "common/gtzan.h"

#include <gtest/gtest.h>

namespace {

TEST(Gtzan, FeatureColumnsAreTheKaggleHeaderInOrder) {
  const std::vector<std::string>& columns = cadenza::gtzan::feature_columns();
  ASSERT_EQ(columns.size(), 57u);
  ASSERT_EQ(columns.size(), cadenza::gtzan::kFeatureColumnCount);
  EXPECT_EQ(columns[0], "chroma_stft_mean");
  EXPECT_EQ(columns[1], "chroma_stft_var");
  EXPECT_EQ(columns[12], "harmony_mean");
  EXPECT_EQ(columns[15], "perceptr_var");
  EXPECT_EQ(columns[16], "tempo");
  EXPECT_EQ(columns[17], "mfcc1_mean");
  EXPECT_EQ(columns[56], "mfcc20_var");
}

TEST(Gtzan, TenGenresInTheDataSetsOrder) {
  EXPECT_EQ(cadenza::gtzan::genres(),
            (std::vector<std::string>{"blues", "classical", "country", "disco", "hiphop", "jazz",
                                      "metal", "pop", "reggae", "rock"}));
}

TEST(Gtzan, LengthsAtTheSampleRate) {
  EXPECT_EQ(cadenza::gtzan::kSampleRate, 22050);
  EXPECT_EQ(cadenza::gtzan::kThreeSecondSamples, 66149u);  // features_3_sec.csv's length column
  EXPECT_EQ(cadenza::gtzan::kClipSamples, 661794u);        // e.g. blues.00000.wav
}

TEST(Gtzan, SegmentSamplesAreTheKaggleWindowForThreeSeconds) {
  EXPECT_EQ(cadenza::gtzan::segment_samples(3), 66149u);    // not round(3 x 22,050) = 66,150
  EXPECT_EQ(cadenza::gtzan::segment_samples(30), 661500u);  // 30 x 22,050
  EXPECT_EQ(cadenza::gtzan::segment_samples(1.5), 33075u);
  EXPECT_EQ(cadenza::gtzan::segment_samples(0.0001), 2u);  // round(2.205)
}

}  // namespace
