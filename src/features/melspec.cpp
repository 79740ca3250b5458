#include "features/melspec.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "dsp/convert.h"
#include "dsp/filters.h"
#include "dsp/stft.h"
#include "features/gtzan.h"
#include "features/spectral.h"

namespace cadenza::features {

LogMel log_mel_spectrogram(const float* samples, std::size_t count, int n_mels) {
  const dsp::Spectrogram power = dsp::power(dsp::stft_magnitude(samples, count));
  const dsp::Spectrogram mel =
      melspectrogram(power, dsp::mel_filterbank(gtzan::kSampleRate, 2048, n_mels));
  LogMel out{n_mels, mel.frames, std::vector<float>(mel.values.size())};
  for (int t = 0; t < mel.frames; ++t)
    for (int m = 0; m < n_mels; ++m) out.at(m, t) = mel.at(t, m);
  const float peak =
      out.values.empty() ? 0.0f : *std::max_element(out.values.begin(), out.values.end());
  dsp::power_to_db(out.values, peak, 80.0);  // ref = np.max
  return out;
}

namespace {
float minimum(const LogMel& mel) {
  return mel.values.empty() ? 0.0f : *std::min_element(mel.values.begin(), mel.values.end());
}

// [start, start + width) with width uniform in [1, max_width] (capped to size).
std::pair<int, int> random_run(std::mt19937_64& rng, int size, int max_width) {
  const int cap = std::max(1, std::min(max_width, size));
  const int width = std::uniform_int_distribution<int>(1, cap)(rng);
  const int start = std::uniform_int_distribution<int>(0, size - width)(rng);
  return {start, width};
}
}  // namespace

LogMel frequency_mask(const LogMel& mel, std::uint64_t seed, const AugmentParams& params) {
  LogMel out = mel;
  if (mel.bands == 0 || mel.frames == 0) return out;
  std::mt19937_64 rng(seed);
  const auto [start, width] = random_run(rng, mel.bands, params.max_freq_mask);
  const float fill = minimum(mel);
  for (int m = start; m < start + width; ++m)
    for (int t = 0; t < mel.frames; ++t) out.at(m, t) = fill;
  return out;
}

LogMel time_mask(const LogMel& mel, std::uint64_t seed, const AugmentParams& params) {
  LogMel out = mel;
  if (mel.bands == 0 || mel.frames == 0) return out;
  std::mt19937_64 rng(seed);
  const auto [start, width] =
      random_run(rng, mel.frames, std::min(params.max_time_mask, std::max(1, mel.frames / 4)));
  const float fill = minimum(mel);
  for (int m = 0; m < mel.bands; ++m)
    for (int t = start; t < start + width; ++t) out.at(m, t) = fill;
  return out;
}

LogMel gaussian_noise(const LogMel& mel, std::uint64_t seed, const AugmentParams& params) {
  LogMel out = mel;
  if (mel.values.empty()) return out;
  double mean = 0, var = 0;
  for (float v : mel.values) mean += v;
  mean /= mel.values.size();
  for (float v : mel.values) var += (v - mean) * (v - mean);
  const double scale = std::sqrt(var / mel.values.size());
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, params.noise_std * (scale > 0 ? scale : 1.0));
  for (float& v : out.values) v = static_cast<float>(v + normal(rng));
  return out;
}

}  // namespace cadenza::features
