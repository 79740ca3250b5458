#include "dsp/stft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "dsp/window.h"

using namespace cadenza::dsp;

TEST(HannWindow, IsPeriodic) {
  const std::vector<double> w = hann_window(8);
  // 0.5 - 0.5 cos(2 pi k / 8)
  const double expected[] = {0.0, 0.1464466, 0.5, 0.8535534, 1.0, 0.8535534, 0.5, 0.1464466};
  for (int k = 0; k < 8; ++k) EXPECT_NEAR(w[k], expected[k], 1e-7) << k;
}

TEST(Stft, FrameCountAndSinePeak) {
  const int sr = 22050, n = 22050;
  std::vector<float> y(n);
  const int bin = 100;  // exactly on bin 100 of a 2048-point FFT
  const double freq = bin * static_cast<double>(sr) / 2048;
  for (int i = 0; i < n; ++i) y[i] = static_cast<float>(std::sin(2 * M_PI * freq * i / sr));
  const ComplexSpectrogram s = stft(y.data(), y.size());
  EXPECT_EQ(s.frames, 1 + n / 512);
  EXPECT_EQ(s.bins, 1025);
  const Spectrogram mag = magnitude(s);
  const float* mid = mag.frame(s.frames / 2);
  const int peak = static_cast<int>(std::max_element(mid, mid + mag.bins) - mid);
  EXPECT_EQ(peak, bin);
  // A Hann-windowed unit sine on a bin centre: |X| = sum(w) / 2 = n_fft / 4.
  EXPECT_NEAR(mid[bin], 512.0f, 0.01f);
}

TEST(Stft, InverseRestoresTheSignal) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> y(10000);
  for (float& v : y) v = uniform(rng);
  const std::vector<float> back = istft(stft(y.data(), y.size()), y.size());
  ASSERT_EQ(back.size(), y.size());
  for (size_t i = 0; i < y.size(); ++i) ASSERT_NEAR(back[i], y[i], 1e-5f) << i;
}
