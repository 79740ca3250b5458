#include "dsp/convert.h"

#include <algorithm>
#include <cmath>

namespace cadenza::dsp {
namespace {
constexpr double kMelStep = 200.0 / 3;  // Hz per mel below 1 kHz
constexpr double kMinLogHz = 1000.0;
constexpr double kMinLogMel = kMinLogHz / kMelStep;
const double kLogStep = std::log(6.4) / 27.0;
}  // namespace

double hz_to_mel(double hz) {
  if (hz >= kMinLogHz) return kMinLogMel + std::log(hz / kMinLogHz) / kLogStep;
  return hz / kMelStep;
}

double mel_to_hz(double mel) {
  if (mel >= kMinLogMel) return kMinLogHz * std::exp(kLogStep * (mel - kMinLogMel));
  return kMelStep * mel;
}

std::vector<double> fft_frequencies(double sample_rate, int n_fft) {
  const int bins = n_fft / 2 + 1;
  std::vector<double> freqs(bins);
  const double step = (sample_rate / 2) / (bins - 1);
  for (int i = 0; i < bins; ++i) freqs[i] = i * step;
  freqs[bins - 1] = sample_rate / 2;
  return freqs;
}

std::vector<double> mel_frequencies(int count, double fmin, double fmax) {
  const double low = hz_to_mel(fmin), high = hz_to_mel(fmax);
  std::vector<double> freqs(count);
  const double step = count > 1 ? (high - low) / (count - 1) : 0.0;
  for (int i = 0; i < count; ++i) freqs[i] = mel_to_hz(i * step + low);
  if (count > 1) freqs[count - 1] = mel_to_hz(high);
  return freqs;
}

void power_to_db(std::vector<float>& values, double ref, double top_db) {
  const float amin = 1e-10f;
  const float offset = 10.0f * std::log10(std::max(amin, static_cast<float>(std::abs(ref))));
  float top = -std::numeric_limits<float>::infinity();
  for (float& v : values) {
    v = 10.0f * std::log10(std::max(amin, v)) - offset;
    top = std::max(top, v);
  }
  if (top_db > 0) {
    const float floor = top - static_cast<float>(top_db);
    for (float& v : values) v = std::max(v, floor);
  }
}

}  // namespace cadenza::dsp
