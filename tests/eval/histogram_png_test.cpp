#include "eval/histogram_png.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "support/png_image.h"

namespace cadenza::eval {
namespace {

constexpr std::array<int, 3> kRealColour{31, 119, 180}, kGeneratedColour{255, 127, 14};

TEST(HistogramPng, BarsAreSharesOfEachSet) {
  HistogramSheet sheet;
  sheet.title = "metrics";
  sheet.columns = 1;
  sheet.bins = 2;
  sheet.panels.push_back({"pitch_range", {0, 0, 1, NAN}, {1, 1, 1}, 0.25});
  const testing::DecodedPng png = testing::decode_png(render_histograms(sheet));
  // One panel of 360 pixels and the margins; the title, legend and one panel high.
  EXPECT_EQ(png.width, 16 + 360 + 16);
  EXPECT_EQ(png.height, 16 + 52 + 166 + 16);
  // Bins of 164 pixels, each set drawn in half of one (81 pixels). The tallest bar (all of the
  // generated pieces in bin 1) is 106 pixels; the real ones are 2/3 and 1/3 of it (71 and 35).
  // Each legend square is 14 x 14.
  EXPECT_EQ(png.count(kRealColour), 81u * (71 + 35) + 14 * 14);
  EXPECT_EQ(png.count(kGeneratedColour), 81u * 106 + 14 * 14);
}

TEST(HistogramPng, PanelsWrapIntoRowsAndEmptyPanelsSaySo) {
  HistogramSheet sheet;
  sheet.columns = 2;
  for (int i = 0; i < 3; ++i) sheet.panels.push_back({"m", {NAN}, {}, -1});
  const testing::DecodedPng png = testing::decode_png(render_histograms(sheet));
  EXPECT_EQ(png.width, 16 + 2 * 360 + 16);
  EXPECT_EQ(png.height, 16 + 52 + 2 * 166 + 16);
  EXPECT_EQ(png.count(kRealColour), 14u * 14);  // the legend only
  EXPECT_THROW(render_histograms(HistogramSheet{}), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::eval
