#include "dsp/median_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

using cadenza::dsp::median_filter_rows;

namespace {
// scipy.ndimage.median_filter(x, size, mode='reflect') by brute force: the window of output i
// is x[i - size / 2 ...] (size values, reflected at the ends), the median its value of rank
// size / 2.
std::vector<float> reference_median(const std::vector<float>& x, int size) {
  const int n = static_cast<int>(x.size()), half = size / 2;
  std::vector<float> out(n);
  for (int i = 0; i < n; ++i) {
    std::vector<float> window;
    for (int k = i - half; k < i - half + size; ++k) {
      int j = k;
      while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - 1 - j;  // d c b a | a b c d
      window.push_back(x[j]);
    }
    std::nth_element(window.begin(), window.begin() + half, window.end());
    out[i] = window[half];
  }
  return out;
}

// Rows of random values: `levels` > 0 draws from that many values (ties everywhere), 0 from a
// continuous range with negative values.
std::vector<float> random_rows(std::mt19937& rng, int rows, int length, int levels) {
  std::vector<float> data(static_cast<size_t>(rows) * length);
  std::uniform_int_distribution<int> level(0, std::max(0, levels - 1));
  std::uniform_real_distribution<float> uniform(-3.0f, 5.0f);
  for (float& v : data) v = levels > 0 ? static_cast<float>(level(rng)) * 0.25f : uniform(rng);
  return data;
}

// Every row of `out` equals the brute force on the same row of `data`, bit for bit.
void expect_rows_equal_reference(const std::vector<float>& data, const std::vector<float>& out,
                                 int rows, int length, int size) {
  for (int r = 0; r < rows; ++r) {
    const std::vector<float> row(data.begin() + r * length, data.begin() + (r + 1) * length);
    const std::vector<float> expected = reference_median(row, size);
    for (int i = 0; i < length; ++i)
      ASSERT_EQ(out[r * length + i], expected[i])
          << "size " << size << " length " << length << " row " << r << " i " << i;
  }
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

// 29 rows: one group each of 16 (AVX-512), 8 (AVX2) and 4 (SSE2) lanes, and one scalar row, so
// every path the CPU has is checked (the widest it lacks hands its rows to the next).
TEST(MedianFilter, EverySizeAndPathMatchesBruteForce) {
  std::mt19937 rng(2026);
  for (int size : {1, 2, 3, 4, 5, 8, 9, 30, 31, 32, 33}) {
    for (int length : {1, 2, 3, 7, 31, 32, 64, 100}) {
      for (int levels : {0, 3, 40}) {
        const int rows = 29;
        const std::vector<float> data = random_rows(rng, rows, length, levels);
        std::vector<float> out(data.size());
        median_filter_rows(data.data(), out.data(), rows, length, size);
        expect_rows_equal_reference(data, out, rows, length, size);
      }
    }
  }
}

TEST(MedianFilter, ColumnsMatchBruteForceForEverySize) {
  std::mt19937 rng(5);
  for (int size : {1, 2, 4, 7, 31, 32}) {
    const int rows = 53, columns = 29;  // 29 lines down the columns: every lane group again
    const std::vector<float> m = random_rows(rng, rows, columns, size % 2 ? 6 : 0);
    std::vector<float> out(m.size());
    cadenza::dsp::median_filter_columns(m.data(), out.data(), rows, columns, size);
    for (int c = 0; c < columns; ++c) {
      std::vector<float> column(rows);
      for (int r = 0; r < rows; ++r) column[r] = m[r * columns + c];
      const std::vector<float> expected = reference_median(column, size);
      for (int r = 0; r < rows; ++r)
        ASSERT_EQ(out[r * columns + c], expected[r]) << "size " << size << " column " << c;
    }
  }
}

// The spectrogram shape of a 30 s GTZAN clip's HPSS (1293 frames x 1025 bins), both ways,
// values with a magnitude's spread and many exact repeats (as in digital silence).
TEST(MedianFilter, HpssShapeMatchesBruteForce) {
  std::mt19937 rng(21);
  std::exponential_distribution<float> magnitude(0.5f);
  std::bernoulli_distribution repeat(0.2);
  const int frames = 1293, bins = 1025;
  std::vector<float> m(static_cast<size_t>(frames) * bins);
  for (float& v : m) v = repeat(rng) ? 0.125f : magnitude(rng);
  std::vector<float> across_bins(m.size()), across_frames(m.size());
  median_filter_rows(m.data(), across_bins.data(), frames, bins, 31);
  cadenza::dsp::median_filter_columns(m.data(), across_frames.data(), frames, bins, 31);
  for (int t = 0; t < frames; t += 97)  // a sample of frames and bins keeps the test fast
    expect_rows_equal_reference(
        std::vector<float>(m.begin() + static_cast<long>(t) * bins,
                           m.begin() + static_cast<long>(t + 1) * bins),
        std::vector<float>(across_bins.begin() + static_cast<long>(t) * bins,
                           across_bins.begin() + static_cast<long>(t + 1) * bins),
        1, bins, 31);
  for (int f = 0; f < bins; f += 41) {
    std::vector<float> column(frames), filtered(frames);
    for (int t = 0; t < frames; ++t) {
      column[t] = m[static_cast<size_t>(t) * bins + f];
      filtered[t] = across_frames[static_cast<size_t>(t) * bins + f];
    }
    expect_rows_equal_reference(column, filtered, 1, frames, 31);
  }
}

// scipy 1.10.1: scipy.ndimage.median_filter(np.float32([3, 1, 2, 5, 4, 9, 0]), size,
// mode='reflect')
TEST(MedianFilter, EvenSizesAsScipy) {
  const std::vector<float> x = {3, 1, 2, 5, 4, 9, 0};
  std::vector<float> out(x.size());
  median_filter_rows(x.data(), out.data(), 1, 7, 4);
  EXPECT_EQ(out, (std::vector<float>{3, 3, 3, 4, 5, 5, 4}));
  median_filter_rows(x.data(), out.data(), 1, 7, 2);
  EXPECT_EQ(out, (std::vector<float>{3, 3, 2, 5, 5, 9, 9}));
  median_filter_rows(x.data(), out.data(), 1, 7, 3);
  EXPECT_EQ(out, (std::vector<float>{3, 2, 2, 4, 5, 4, 0}));
}

TEST(MedianFilter, SizeBelowOneIsRefused) {
  const std::vector<float> x = {1, 2};
  std::vector<float> out(2);
  EXPECT_THROW(median_filter_rows(x.data(), out.data(), 1, 2, 0), std::invalid_argument);
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
