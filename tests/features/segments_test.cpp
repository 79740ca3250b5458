// `cadenza features --segment 30,3`: one decode, several segment lengths. The rows must be
// exactly those of one run per length (same names, bit-identical values), on a real GTZAN clip.
#include <gtest/gtest.h>

#include <vector>

#include "features/extract.h"
#include "support/shared_data.h"

using namespace cadenza::features;

namespace {
void expect_identical(const FileResult& together, const FileResult& alone) {
  EXPECT_EQ(together.error, alone.error);
  ASSERT_EQ(together.rows.size(), alone.rows.size());
  for (std::size_t r = 0; r < alone.rows.size(); ++r) {
    EXPECT_EQ(together.rows[r].filename, alone.rows[r].filename);
    EXPECT_EQ(together.rows[r].label, alone.rows[r].label);
    ASSERT_EQ(together.rows[r].values.size(), alone.rows[r].values.size());
    for (std::size_t c = 0; c < alone.rows[r].values.size(); ++c)
      EXPECT_EQ(together.rows[r].values[c], alone.rows[r].values[c])  // exact, not near
          << alone.rows[r].filename << " column " << c;
  }
}
}  // namespace

TEST(SegmentLengths, BothLengthsFromOneDecodeEqualOneRunEach) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00001.flac");
  const auto clip = cadenza::testing::shared_data_dir() / "gtzan/audio/jazz/jazz.00001.flac";
  ExtractOptions whole, three;
  three.segment = SegmentMode::kThreeSeconds;
  const std::vector<FileResult> together =
      extract_file(clip, {}, {SegmentMode::kWhole, SegmentMode::kThreeSeconds});
  ASSERT_EQ(together.size(), 2u);
  ASSERT_EQ(together[0].rows.size(), 1u);   // the 30 s row
  ASSERT_EQ(together[1].rows.size(), 10u);  // 30 s of GTZAN: ten whole 66,149-sample windows
  EXPECT_EQ(together[0].rows[0].filename, "jazz.00001.flac");
  EXPECT_EQ(together[1].rows[9].filename, "jazz.00001.9.wav");
  EXPECT_EQ(together[0].rows[0].label, "jazz");
  expect_identical(together[0], extract_file(clip, whole));
  expect_identical(together[1], extract_file(clip, three));
}

TEST(SegmentLengths, AnUndecodableFileFailsEveryLength) {
  const std::vector<FileResult> results =
      extract_file("no/such/clip.wav", {}, {SegmentMode::kWhole, SegmentMode::kThreeSeconds});
  ASSERT_EQ(results.size(), 2u);
  for (const FileResult& result : results) {
    EXPECT_TRUE(result.rows.empty());
    EXPECT_NE(result.error.find("no/such/clip.wav"), std::string::npos) << result.error;
  }
}
