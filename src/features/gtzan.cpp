#include "features/gtzan.h"

#include <chrono>
#include <stdexcept>

#include "dsp/filters.h"
#include "dsp/hpss.h"
#include "dsp/numpy_sum.h"
#include "dsp/stft.h"
#include "features/contrast.h"
#include "features/rhythm.h"
#include "features/spectral.h"

namespace cadenza::features {
namespace {

thread_local FeatureTimings timings;

// Frames up to which gtzan_values keeps the complex spectrum for HPSS (2 MB: ~6 s).
constexpr int kKeepSpectrumFrames = 256;

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

const std::vector<dsp::FilterRow>& mel_basis() {
  static const std::vector<dsp::FilterRow> basis =
      dsp::mel_filterbank(gtzan::kSampleRate, 2048, 128);
  return basis;
}

template <typename T>
void add_mean_var(std::vector<double>& row, const std::vector<T>& values) {
  row.push_back(dsp::numpy_mean(values.data(), values.size()));
  row.push_back(dsp::numpy_var(values.data(), values.size()));
}

// Mean and variance over a whole [frame][band] matrix, flattened band by band as numpy's
// C-ordered (band, frame) arrays are.
void add_matrix_mean_var(std::vector<double>& row, const dsp::Spectrogram& m) {
  std::vector<float> by_band(m.values.size());
  for (int t = 0; t < m.frames; ++t)
    for (int b = 0; b < m.bins; ++b) by_band[static_cast<size_t>(b) * m.frames + t] = m.at(t, b);
  add_mean_var(row, by_band);
}

// Mean and variance of every band separately (MFCC 1..20, contrast bands).
void add_band_mean_vars(std::vector<double>& row, const dsp::Spectrogram& m) {
  std::vector<float> band(m.frames);
  for (int b = 0; b < m.bins; ++b) {
    for (int t = 0; t < m.frames; ++t) band[t] = m.at(t, b);
    add_mean_var(row, band);
  }
}

}  // namespace

std::vector<std::string> gtzan_value_columns(bool extra) {
  std::vector<std::string> names = {"length"};
  const std::vector<std::string>& basic = gtzan::feature_columns();
  names.insert(names.end(), basic.begin(), basic.end());
  if (extra) {
    names.push_back("spectral_flatness_mean");
    names.push_back("spectral_flatness_var");
    for (int k = 1; k <= kContrastBands + 1; ++k) {
      names.push_back("spectral_contrast" + std::to_string(k) + "_mean");
      names.push_back("spectral_contrast" + std::to_string(k) + "_var");
    }
    names.push_back("onset_strength_mean");
    names.push_back("onset_strength_var");
  }
  return names;
}

std::vector<double> gtzan_values(const float* y, std::size_t count, bool extra) {
  if (count < kMinimumSamples)
    throw std::invalid_argument("too short: " + std::to_string(count) +
                                " samples, features need at least " +
                                std::to_string(kMinimumSamples) + " (one STFT window)");
  const double sr = gtzan::kSampleRate;
  Stopwatch clock;
  timings = {};
  // A long signal's complex spectrum is not kept (10.6 MB for 30 s): HPSS transforms its frames
  // again, which costs less than the fresh pages would in a new process (docs/features.md). A
  // short window's (1 MB for 3 s) is kept: its pages are reused from window to window.
  const bool keep_spectrum =
      dsp::frame_count(count, dsp::StftParams().hop_length) <= kKeepSpectrumFrames;
  dsp::ComplexSpectrogram spectrum;
  if (keep_spectrum) spectrum = dsp::stft(y, count);
  const dsp::Spectrogram magnitude =
      keep_spectrum ? dsp::magnitude(spectrum) : dsp::stft_magnitude(y, count);
  std::vector<double> row;
  row.push_back(static_cast<double>(count));
  dsp::Spectrogram mel;
  {  // The power spectrogram (5 MB for 30 s) is freed before HPSS, which then reuses its pages:
     // a new process pays a page fault and a zero fill for every page at its peak.
    const dsp::Spectrogram power = dsp::power(magnitude);
    timings.stft = clock.lap();
    add_matrix_mean_var(row, chroma_stft(power, sr, std::numeric_limits<double>::quiet_NaN()));
    timings.chroma = clock.lap();
    mel = melspectrogram(power, mel_basis());
    timings.mel_mfcc = clock.lap();
  }
  add_mean_var(row, rms(y, count));
  const std::vector<double> zcr = zero_crossing_rate(y, count);
  timings.rms_zcr = clock.lap();
  const std::vector<double> centroid = spectral_centroid(magnitude, sr);
  add_mean_var(row, centroid);
  add_mean_var(row, spectral_bandwidth(magnitude, centroid, sr));
  add_mean_var(row, spectral_rolloff(magnitude, sr));
  add_mean_var(row, zcr);
  timings.spectral = clock.lap();
  std::vector<float> wave = keep_spectrum ? dsp::hpss_harmonic_wave(spectrum, magnitude, count)
                                          : dsp::hpss_harmonic_wave(y, count, magnitude);
  add_mean_var(row, wave);
  dsp::harmonic_to_percussive(y, wave);  // in place: one wave in memory at a time
  add_mean_var(row, wave);
  timings.hpss = clock.lap();
  const dsp::Spectrogram coefficients = mfcc(mel, 20);
  timings.mel_mfcc += clock.lap();
  row.push_back(beat_track_tempo(mel, sr));
  timings.tempo = clock.lap();
  add_band_mean_vars(row, coefficients);
  timings.mel_mfcc += clock.lap();
  if (extra) {
    add_mean_var(row, spectral_flatness(magnitude));
    add_band_mean_vars(row, spectral_contrast(magnitude, sr));
    add_mean_var(row, onset_strength(mel, Aggregate::kMean));
    timings.extra = clock.lap();
  }
  return row;
}

const FeatureTimings& last_feature_timings() { return timings; }

}  // namespace cadenza::features
