#include "dsp/filters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "dsp/convert.h"

using namespace cadenza::dsp;

TEST(MelFilterbank, SlaneyTrianglesWithUnitArea) {
  const auto rows = mel_filterbank(22050, 2048, 128);
  ASSERT_EQ(rows.size(), 128u);
  const std::vector<double> mel_f = mel_frequencies(130, 0.0, 11025.0);
  const double bin_hz = 22050.0 / 2048;
  for (int m : {0, 40, 127}) {
    // Slaney normalisation: peak 2 / (f[m+2] - f[m]), so the triangle's area (in Hz) is ~1.
    double area = 0.0;
    for (float w : rows[m].weights) area += w * bin_hz;
    EXPECT_NEAR(area, 1.0, m == 0 ? 0.3 : 0.05) << m;
    EXPECT_GE(rows[m].first * bin_hz, mel_f[m] - 1e-9);
  }
}

TEST(ChromaFilterbank, A440LandsOnA) {
  const auto fb = chroma_filterbank(22050, 2048);
  ASSERT_EQ(fb.size(), 12u);
  ASSERT_EQ(fb[0].size(), 1025u);
  const int bin = static_cast<int>(std::lround(440.0 / (22050.0 / 2048)));
  int best = 0;
  for (int c = 1; c < 12; ++c)
    if (fb[c][bin] > fb[best][bin]) best = c;
  EXPECT_EQ(best, 9);  // C C# D D# E F F# G G# A: index 9
}
