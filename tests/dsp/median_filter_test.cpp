#include "dsp/median_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

using cadenza::dsp::median_filter_rows;

namespace {
// scipy.ndimage.median_filter(x, size, mode='reflect') by brute force.
std::vector<float> reference_median(const std::vector<float>& x, int size) {
  const int n = static_cast<int>(x.size()), half = size / 2;
  std::vector<float> out(n);
  for (int i = 0; i < n; ++i) {
    std::vector<float> window;
    for (int k = i - half; k <= i + half; ++k) {
      int j = k;
      while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - 1 - j;  // d c b a | a b c d
      window.push_back(x[j]);
    }
    std::nth_element(window.begin(), window.begin() + half, window.end());
    out[i] = window[half];
  }
  return out;
}
}  // namespace

TEST(MedianFilter, MatchesBruteForceWithReflectBorders) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> level(0, 20);  // many ties
  for (int length : {1, 2, 5, 15, 16, 31, 40, 130, 257}) {
    for (int rows : {1, 5, 13}) {  // 13 = one 8-lane (AVX2), one 4-lane (SSE2) group + 1
      std::vector<float> data(static_cast<size_t>(rows) * length);
      for (float& v : data) v = static_cast<float>(level(rng)) * 0.25f;
      std::vector<float> out(data.size());
      median_filter_rows(data.data(), out.data(), rows, length, 31);
      for (int r = 0; r < rows; ++r) {
        const std::vector<float> row(data.begin() + r * length, data.begin() + (r + 1) * length);
        const std::vector<float> expected = reference_median(row, 31);
        for (int i = 0; i < length; ++i)
          ASSERT_EQ(out[r * length + i], expected[i])
              << "length " << length << " row " << r << " i " << i;
      }
    }
  }
}

TEST(MedianFilter, SizeThreeByHand) {
  const std::vector<float> x = {3, 1, 2, 5, 4};
  std::vector<float> out(5);
  median_filter_rows(x.data(), out.data(), 1, 5, 3);
  // windows (reflect): [3 3 1] [3 1 2] [1 2 5] [2 5 4] [5 4 4]
  EXPECT_EQ(out, (std::vector<float>{3, 2, 2, 4, 4}));
}

TEST(MedianFilter, ColumnsEqualRowsOfTheTranspose) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  const int rows = 45, columns = 37;
  std::vector<float> m(rows * columns), t(m.size());
  for (float& v : m) v = uniform(rng);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) t[c * rows + r] = m[r * columns + c];
  std::vector<float> by_columns(m.size()), by_rows(m.size());
  cadenza::dsp::median_filter_columns(m.data(), by_columns.data(), rows, columns, 31);
  median_filter_rows(t.data(), by_rows.data(), columns, rows, 31);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) ASSERT_EQ(by_columns[r * columns + c], by_rows[c * rows + r]);
}
