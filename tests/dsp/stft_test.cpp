#include "dsp/stft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "dsp/fft.h"
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

// librosa.istft as written in librosa 0.9.2 (and in cadenza before it stopped storing the window
// sum): overlap-add of every frame into a float32 buffer and of its squared window into a second
// one, both rounded after each addition; then division where the sum is not tiny, and the centre
// padding cut. InverseStft must give these floats bit for bit.
std::vector<float> reference_istft(const ComplexSpectrogram& spectrum, std::size_t length,
                                   int n_fft, int hop) {
  const long frames =
      std::min<long>(spectrum.frames, (static_cast<long>(length) + n_fft + hop - 1) / hop);
  const std::size_t expected =
      frames > 0 ? n_fft + static_cast<std::size_t>(hop) * (frames - 1) : 0;
  std::vector<float> y(expected, 0.0f), window_sum(expected, 0.0f);
  const std::vector<double> window = hann_window(n_fft);
  RealFft fft(n_fft);
  for (long t = 0; t < frames; ++t) {
    for (int f = 0; f < fft.bins(); ++f)
      fft.spectrum()[f] = {spectrum.frame(t)[f].real(), spectrum.frame(t)[f].imag()};
    fft.spectrum()[0].imag(0.0);
    fft.spectrum()[fft.bins() - 1].imag(0.0);
    fft.inverse();
    for (int k = 0; k < n_fft; ++k) {
      const std::size_t j = t * hop + k;
      y[j] = static_cast<float>(y[j] + window[k] * (fft.signal()[k] * (1.0 / n_fft)));
      window_sum[j] = static_cast<float>(window_sum[j] + window[k] * window[k]);
    }
  }
  for (std::size_t j = 0; j < expected; ++j)
    if (window_sum[j] > std::numeric_limits<float>::min()) y[j] /= window_sum[j];
  std::vector<float> out(length, 0.0f);
  for (std::size_t i = 0; i < length && n_fft / 2 + i < expected; ++i) out[i] = y[n_fft / 2 + i];
  return out;
}

TEST(Stft, InverseIsLibrosasOverlapAddBitForBit) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  struct Case {
    int n_fft, hop;
    std::size_t samples, length;  // length: what istft is asked for (trim or zero-extend)
  };
  for (const Case& c : {Case{2048, 512, 66149, 66149}, Case{2048, 512, 10000, 9000},
                        Case{16, 5, 37, 37}, Case{16, 5, 37, 60}, Case{8, 8, 40, 40},
                        Case{2048, 512, 3000, 3000}, Case{2048, 512, 1000, 1000}}) {
    std::vector<float> y(c.samples);
    for (float& v : y) v = uniform(rng);
    const StftParams params{c.n_fft, c.hop};
    const ComplexSpectrogram spectrum = stft(y.data(), y.size(), params);
    const std::vector<float> expected = reference_istft(spectrum, c.length, c.n_fft, c.hop);
    const std::vector<float> actual = istft(spectrum, c.length, params);
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
      ASSERT_EQ(actual[i], expected[i])
          << "n_fft " << c.n_fft << " hop " << c.hop << " sample " << i;
  }
}

TEST(Stft, FramesAndMagnitudeWithoutTheSpectrogramAreTheSame) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> y(9000);  // frames both inside the signal and reaching into the padding
  for (float& v : y) v = uniform(rng);
  const ComplexSpectrogram spectrum = stft(y.data(), y.size());
  const Spectrogram expected = magnitude(spectrum);
  EXPECT_EQ(stft_magnitude(y.data(), y.size()).values, expected.values);
  StftFrames frames(y.data(), y.size());
  ASSERT_EQ(frames.frames(), spectrum.frames);
  ASSERT_EQ(frames.bins(), spectrum.bins);
  for (int t : {5, 0, spectrum.frames - 1, 3}) {  // any order
    const std::complex<float>* row = frames.frame(t);
    for (int f = 0; f < spectrum.bins; ++f) ASSERT_EQ(row[f], spectrum.at(t, f)) << t << " " << f;
  }
}
