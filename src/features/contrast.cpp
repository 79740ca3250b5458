#include "features/contrast.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "dsp/convert.h"

namespace cadenza::features {
namespace {

// power_to_db(ref=1, amin=1e-10, top_db=80) in double over a whole matrix.
void to_db(std::vector<double>& values) {
  double top = -HUGE_VAL;
  for (double& v : values) {
    v = 10.0 * std::log10(std::max(1e-10, v));
    top = std::max(top, v);
  }
  for (double& v : values) v = std::max(v, top - 80.0);
}

}  // namespace

dsp::Spectrogram spectral_contrast(const dsp::Spectrogram& magnitude, double sample_rate,
                                   double fmin, double quantile) {
  const int bands = kContrastBands + 1, bins = magnitude.bins, frames = magnitude.frames;
  const std::vector<double> freq = dsp::fft_frequencies(sample_rate, 2 * (bins - 1));
  std::vector<double> octa(bands + 1, 0.0);
  for (int k = 1; k <= bands; ++k) octa[k] = fmin * std::pow(2.0, k - 1);
  if (octa[bands - 1] >= 0.5 * sample_rate)
    throw std::invalid_argument("spectral_contrast: bands reach above the Nyquist frequency");

  std::vector<double> peak(static_cast<size_t>(bands) * frames), valley(peak.size());
  std::vector<float> sub;
  for (int k = 0; k < bands; ++k) {
    std::vector<bool> in_band(bins);
    int first = -1, last = -1;
    for (int f = 0; f < bins; ++f) {
      in_band[f] = freq[f] >= octa[k] && freq[f] <= octa[k + 1];
      if (in_band[f]) {
        if (first < 0) first = f;
        last = f;
      }
    }
    if (first < 0) continue;
    if (k > 0 && first > 0) in_band[first - 1] = true;
    if (k == bands - 1)
      for (int f = last + 1; f < bins; ++f) in_band[f] = true;
    std::vector<int> rows;
    for (int f = 0; f < bins; ++f)
      if (in_band[f]) rows.push_back(f);
    const int band_size = static_cast<int>(rows.size());
    if (k < bands - 1) rows.pop_back();  // the sub-band drops its last bin
    const int take = std::max(1, static_cast<int>(std::nearbyint(quantile * band_size)));
    for (int t = 0; t < frames; ++t) {
      sub.clear();
      for (int f : rows) sub.push_back(magnitude.at(t, f));
      std::sort(sub.begin(), sub.end());
      const int n = static_cast<int>(sub.size()), q = std::min(take, n);
      double low = 0, high = 0;
      for (int i = 0; i < q; ++i) {
        low += sub[i];
        high += sub[n - 1 - i];
      }
      valley[static_cast<size_t>(k) * frames + t] = low / q;
      peak[static_cast<size_t>(k) * frames + t] = high / q;
    }
  }
  to_db(peak);
  to_db(valley);
  dsp::Spectrogram out(frames, bands);
  for (int k = 0; k < bands; ++k)
    for (int t = 0; t < frames; ++t)
      out.at(t, k) = static_cast<float>(peak[static_cast<size_t>(k) * frames + t] -
                                        valley[static_cast<size_t>(k) * frames + t]);
  return out;
}

}  // namespace cadenza::features
