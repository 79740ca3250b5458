// Synthetic signals with answers known by hand.
#include "features/spectral.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "dsp/stft.h"
#include "features/beat.h"
#include "features/gtzan.h"
#include "features/rhythm.h"

using namespace cadenza;
using namespace cadenza::features;

namespace {
constexpr double kRate = 22050;

std::vector<float> sine(double freq, double amplitude, size_t n) {
  std::vector<float> y(n);
  for (size_t i = 0; i < n; ++i)
    y[i] = static_cast<float>(amplitude * std::sin(2 * M_PI * freq * i / kRate));
  return y;
}

dsp::Spectrogram magnitude_of(const std::vector<float>& y) {
  return dsp::magnitude(dsp::stft(y.data(), y.size()));
}
}  // namespace

TEST(SpectralFeatures, CentroidAndRolloffOfASineSitAtItsFrequency) {
  const double freq = 100 * kRate / 2048;  // on a bin centre: 1076.66 Hz
  const auto mag = magnitude_of(sine(freq, 0.5, 22050));
  const auto centroid = spectral_centroid(mag, kRate);
  const auto bandwidth = spectral_bandwidth(mag, centroid, kRate);
  const auto rolloff = spectral_rolloff(mag, kRate);
  const int mid = mag.frames / 2;
  EXPECT_NEAR(centroid[mid], freq, 0.5);
  // Hann main lobe: bins f-1, f, f+1 with weights 1/4, 1/2, 1/4 -> sd = bin / sqrt(2); the
  // float32 noise floor far from the peak adds a little (weighted by its squared distance)
  EXPECT_NEAR(bandwidth[mid], (kRate / 2048) / std::sqrt(2.0), 0.5);
  EXPECT_NEAR(rolloff[mid], freq + kRate / 2048, 1e-9);  // 85 % is reached on the upper bin
}

TEST(SpectralFeatures, RmsOfASineIsAmplitudeOverRootTwo) {
  const auto y = sine(441.0, 0.8, 22050);
  const auto r = rms(y.data(), y.size());
  EXPECT_EQ(r.size(), 1u + 22050 / 512);
  EXPECT_NEAR(r[r.size() / 2], 0.8 / std::sqrt(2.0), 1e-3);
  // the first frame is centred on sample 0: half of it is zero padding
  EXPECT_NEAR(r[0], 0.8 / std::sqrt(2.0) / std::sqrt(2.0), 5e-3);
}

TEST(SpectralFeatures, ZeroCrossingRateOfASquareWave) {
  // period 64 samples: a sign change before every multiple of 32
  std::vector<float> y(8192);
  for (size_t i = 0; i < y.size(); ++i) y[i] = (i / 32) % 2 ? -0.5f : 0.5f;
  const auto zcr = zero_crossing_rate(y.data(), y.size());
  // frame 8 covers samples 3072..5119; the changes inside it are at 3104, 3136, ..., 5088
  // (63 of them: the one at 3072 would need sample 3071, outside the frame)
  EXPECT_DOUBLE_EQ(zcr[8], 63.0 / 2048);
  // values within +-1e-10 count as positive zero, not as crossings
  std::vector<float> tiny(4096, 1e-11f);
  for (size_t i = 0; i < tiny.size(); i += 2) tiny[i] = -1e-11f;
  EXPECT_DOUBLE_EQ(zero_crossing_rate(tiny.data(), tiny.size())[3], 0.0);
}

TEST(SpectralFeatures, ChromaOfA440PeaksOnA) {
  const auto y = sine(440.0, 0.5, 44100);
  const auto power = dsp::power(magnitude_of(y));
  const auto chroma = chroma_stft(power, kRate, std::nan(""));
  const float* frame = chroma.frame(chroma.frames / 2);
  EXPECT_FLOAT_EQ(frame[9], 1.0f);  // normalised by the maximum, A = index 9
  for (int c = 0; c < 12; ++c) {
    if (c != 9) {
      EXPECT_LT(frame[c], 0.5f) << c;
    }
  }
  // 440 Hz is exactly on the grid: the tuning estimate is within a few cents of 0
  EXPECT_NEAR(estimate_tuning(power, kRate), 0.0, 0.05);
}

TEST(SpectralFeatures, DetunedSineGivesItsTuning) {
  const double cents = 30;  // 0.3 of a semitone sharp
  const auto y = sine(440.0 * std::pow(2.0, cents / 1200), 0.5, 44100);
  const auto power = dsp::power(magnitude_of(y));
  // piptrack's parabolic interpolation on a power spectrum is biased by a few cents
  EXPECT_NEAR(estimate_tuning(power, kRate), 0.3, 0.05);
}

TEST(Rhythm, ClickTrainTempo) {
  // a click every 21 STFT hops: 60 * 22050 / (512 * 21) = 123.046875 BPM, librosa's grid
  std::vector<float> y(22050 * 20, 0.0f);
  for (size_t i = 2048; i < y.size(); i += 21 * 512)
    for (int k = 0; k < 32; ++k) y[i + k] = (k % 2 ? -0.9f : 0.9f);
  const auto mel =
      melspectrogram(dsp::power(magnitude_of(y)), dsp::mel_filterbank(kRate, 2048, 128));
  EXPECT_DOUBLE_EQ(beat_track_tempo(mel, kRate), 123.046875);
}

TEST(GtzanRow, SilenceGivesFiniteValues) {
  std::vector<float> silence(66149, 0.0f);
  const auto values = gtzan_values(silence.data(), silence.size(), true);
  const auto columns = gtzan_value_columns(true);
  ASSERT_EQ(values.size(), columns.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_TRUE(std::isfinite(values[i])) << columns[i];
  EXPECT_EQ(values[0], 66149.0);
  EXPECT_EQ(values[17], 0.0);  // tempo: beat_track returns 0 for an empty onset envelope
  EXPECT_EQ(values[1], 0.0);   // chroma of silence is 0
  EXPECT_EQ(values[5], 0.0);   // centroid of silence is 0
  EXPECT_FLOAT_EQ(values[18], static_cast<float>(-100.0 * std::sqrt(128.0)));  // mfcc1: -100 dB
}

TEST(GtzanRow, TooShortIsAnError) {
  std::vector<float> y(100, 0.1f);
  EXPECT_THROW(gtzan_values(y.data(), y.size()), std::invalid_argument);
}

TEST(Rhythm, BeatsOfAClickTrainFallOnTheClicks) {
  std::vector<float> y(22050 * 20, 0.0f);
  std::vector<int> click_frames;
  for (size_t i = 2048; i + 32 < y.size(); i += 21 * 512) {
    for (int k = 0; k < 32; ++k) y[i + k] = (k % 2 ? -0.9f : 0.9f);
    click_frames.push_back(static_cast<int>(i / 512));
  }
  const auto mel =
      melspectrogram(dsp::power(magnitude_of(y)), dsp::mel_filterbank(kRate, 2048, 128));
  const BeatTrack track = beat_track(mel, kRate);
  EXPECT_DOUBLE_EQ(track.tempo, 123.046875);
  ASSERT_GE(track.beats.size(), click_frames.size() - 3);  // trimming drops edge beats
  for (int beat : track.beats) {
    // every beat lands on a click (the onset envelope peaks within a frame or two of it)
    int distance = 1 << 30;
    for (int c : click_frames) distance = std::min(distance, std::abs(beat - c));
    EXPECT_LE(distance, 2) << "beat at frame " << beat;
  }
  for (size_t b = 1; b < track.beats.size(); ++b)
    EXPECT_EQ(track.beats[b] - track.beats[b - 1], 21);
}
