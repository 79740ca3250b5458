#include "dsp/hpss.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "dsp/stft.h"

using namespace cadenza::dsp;

namespace {

// A steady tone (harmonic: constant along time) plus clicks (percussive: flat along frequency).
std::vector<float> tone_and_clicks(std::size_t n) {
  std::vector<float> y(n);
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> noise(-0.01f, 0.01f);
  for (std::size_t i = 0; i < n; ++i)
    y[i] = 0.5f * static_cast<float>(std::sin(2 * M_PI * 440.0 * i / 22050.0)) + noise(rng);
  for (std::size_t i = 2000; i < n; i += 5000) y[i] += 1.0f;
  return y;
}

double energy(const std::vector<float>& x) {
  double sum = 0;
  for (float v : x) sum += static_cast<double>(v) * v;
  return sum;
}

}  // namespace

TEST(Hpss, WithAndWithoutTheSpectrogramGiveTheSameWave) {
  const std::vector<float> y = tone_and_clicks(30000);
  const ComplexSpectrogram spectrum = stft(y.data(), y.size());
  const std::vector<float> kept = hpss_harmonic_wave(spectrum, magnitude(spectrum), y.size());
  const std::vector<float> again =
      hpss_harmonic_wave(y.data(), y.size(), stft_magnitude(y.data(), y.size()));
  ASSERT_EQ(kept.size(), y.size());
  EXPECT_EQ(kept, again);
}

TEST(Hpss, SeparatesAToneFromClicks) {
  const std::vector<float> y = tone_and_clicks(30000);
  std::vector<float> wave =
      hpss_harmonic_wave(y.data(), y.size(), stft_magnitude(y.data(), y.size()));
  // Around a click the percussive wave holds it; away from clicks the tone stays harmonic.
  std::vector<float> harmonic = wave;
  harmonic_to_percussive(y.data(), wave);
  EXPECT_GT(std::abs(wave[7000]), 0.5f);  // the click at 7000
  EXPECT_LT(std::abs(harmonic[7000] -
                     0.5f * static_cast<float>(std::sin(2 * M_PI * 440.0 * 7000 / 22050.0))),
            0.2f);
  const std::vector<float> quiet(wave.begin() + 9000, wave.begin() + 11000);  // no click here
  const std::vector<float> tone(harmonic.begin() + 9000, harmonic.begin() + 11000);
  EXPECT_LT(energy(quiet), 0.05 * energy(tone));
  for (std::size_t i = 0; i < y.size(); ++i) ASSERT_EQ(wave[i], y[i] - harmonic[i]) << i;
}

TEST(Hpss, RefusesAMagnitudeOfAnotherShape) {
  const std::vector<float> y = tone_and_clicks(30000);
  const Spectrogram other = stft_magnitude(y.data(), 20000);
  EXPECT_THROW(hpss_harmonic_wave(y.data(), y.size(), other), std::invalid_argument);
  EXPECT_THROW(hpss_harmonic_wave(stft(y.data(), y.size()), other, y.size()),
               std::invalid_argument);
}
