// Cutting pieces into the model's windows (audio_windows.h).
#include <gtest/gtest.h>

#include <stdexcept>

#include "genre/audio_windows.h"

namespace cadenza::genre {
namespace {

TEST(GenreWindows, ThreeSecondWindowsDropTheTail) {
  // 200,000 = 3 x 66,149 + 1,553: three windows, the tail dropped (as the Kaggle 3 s CSV).
  const auto r = window_ranges(200000, 3);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0], (WindowRange{0, 66149}));
  EXPECT_EQ(r[1], (WindowRange{66149, 66149}));
  EXPECT_EQ(r[2], (WindowRange{132298, 66149}));
}

TEST(GenreWindows, GtzanClipIsTenThreeSecondWindows) {
  const auto r = window_ranges(661794, 3);
  ASSERT_EQ(r.size(), 10u);
  EXPECT_EQ(r.back(), (WindowRange{9 * 66149, 66149}));
}

TEST(GenreWindows, GtzanClipIsOneWholeThirtySecondWindow) {
  // Every clip length of features_30_sec.csv (660,000 ... 675,808 samples) is one window, the
  // whole clip, so its features are the clip's CSV row.
  for (std::size_t n : {661794u, 661504u, 660000u, 675808u, 661500u})
    EXPECT_EQ(window_ranges(n, 30), (std::vector<WindowRange>{{0, n}})) << n;
}

TEST(GenreWindows, ThirtySecondWindowsKeepOnlyTailsUnderOneSecond) {
  EXPECT_EQ(window_ranges(2 * 661500 + 100, 30),
            (std::vector<WindowRange>{{0, 661500}, {661500, 661600}}));
  EXPECT_EQ(window_ranges(2 * 661500 + 22049, 30),
            (std::vector<WindowRange>{{0, 661500}, {661500, 661500 + 22049}}));
  EXPECT_EQ(window_ranges(2 * 661500 + 22050, 30),
            (std::vector<WindowRange>{{0, 661500}, {661500, 661500}}));
  EXPECT_EQ(window_ranges(3 * 661500 + 300000, 30).size(), 3u);
}

TEST(GenreWindows, ShortPieceIsUsedWhole) {
  EXPECT_EQ(window_ranges(10000, 3), (std::vector<WindowRange>{{0, 10000}}));
  EXPECT_EQ(window_ranges(66148, 3), (std::vector<WindowRange>{{0, 66148}}));
  EXPECT_EQ(window_ranges(300000, 30), (std::vector<WindowRange>{{0, 300000}}));
  EXPECT_EQ(window_ranges(2048, 30), (std::vector<WindowRange>{{0, 2048}}));
}

TEST(GenreWindows, TooShortOrUnknownSegmentIsAnError) {
  EXPECT_THROW(window_ranges(2047, 3), std::invalid_argument);
  EXPECT_THROW(window_ranges(0, 30), std::invalid_argument);
  EXPECT_THROW(window_ranges(100000, 10), std::invalid_argument);
  try {
    window_ranges(1000, 30);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("too short: 1000 samples"), std::string::npos) << e.what();
  }
}

TEST(GenreWindows, CutWindowsHoldTheRightSamples) {
  std::vector<float> samples(200000);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = static_cast<float>(i);
  const auto windows = cut_windows(samples, 3);
  ASSERT_EQ(windows.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    ASSERT_EQ(windows[k].size(), 66149u);
    EXPECT_EQ(windows[k].front(), static_cast<float>(k * 66149));
    EXPECT_EQ(windows[k].back(), static_cast<float>(k * 66149 + 66148));
  }
}

}  // namespace
}  // namespace cadenza::genre
