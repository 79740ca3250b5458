// chroma_stft and the tuning estimate it starts with (librosa.pitch.piptrack / pitch_tuning).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>

#include "dsp/convert.h"
#include "features/spectral.h"

namespace cadenza::features {
namespace {

// np.median of float32 values: the middle value, or the float32 mean of the middle two.
float median_float(std::vector<float>& values) {
  const size_t n = values.size(), half = n / 2;
  std::nth_element(values.begin(), values.begin() + half, values.end());
  const float upper = values[half];
  if (n % 2 == 1) return upper;
  const float lower = *std::max_element(values.begin(), values.begin() + half);
  return (lower + upper) / 2.0f;
}

}  // namespace

double estimate_tuning(const Spectrogram& power, double sample_rate, int bins_per_octave) {
  const int bins = power.bins, n_fft = 2 * (bins - 1);
  const std::vector<double> freqs = dsp::fft_frequencies(sample_rate, n_fft);
  const double fmin = 150.0, fmax = std::min(4000.0, sample_rate / 2);
  const float tiny = std::numeric_limits<float>::min();
  const float threshold = 0.1f;
  std::vector<float> pitches, mags;  // the non-zero entries of piptrack's outputs
  std::vector<float> gated(bins);
  // Only bins in [fmin, fmax) can give a pitch: the parabolic interpolation is computed there
  // alone (~370 of 1025 bins), with the same float operations as piptrack's over all bins.
  int f_begin = bins, f_end = 0;
  for (int f = 0; f < bins; ++f)
    if (fmin <= freqs[f] && freqs[f] < fmax) f_begin = std::min(f_begin, f), f_end = f + 1;
  for (int t = 0; t < power.frames; ++t) {
    const float* s = power.frame(t);
    const float ref = threshold * *std::max_element(s, s + bins);
    for (int f = 0; f < bins; ++f) gated[f] = s[f] * (s[f] > ref ? 1.0f : 0.0f);
    for (int f = f_begin; f < f_end; ++f) {
      if (!(fmin <= freqs[f] && freqs[f] < fmax)) continue;
      // util.localmax with edge padding: x[f] > x[f-1] and x[f] >= x[f+1]
      const float left = gated[f > 0 ? f - 1 : 0], right = gated[f + 1 < bins ? f + 1 : f];
      if (!(gated[f] > left && gated[f] >= right)) continue;
      // Parabolic interpolation around the bin (float32, as piptrack; 0 at the edges).
      float shift = 0.0f, dskew = 0.0f;
      if (f > 0 && f + 1 < bins) {
        const float avg = 0.5f * (s[f + 1] - s[f - 1]);
        float sh = 2.0f * s[f] - s[f + 1] - s[f - 1];
        shift = avg / (sh + (std::abs(sh) < tiny ? 1.0f : 0.0f));
        dskew = 0.5f * avg * shift;
      }
      const float pitch =
          static_cast<float>((f + static_cast<double>(shift)) * sample_rate / n_fft);
      const float mag = s[f] + dskew;
      if (pitch > 0.0f) {
        pitches.push_back(pitch);
        mags.push_back(mag);
      }
    }
  }
  if (pitches.empty()) return 0.0;
  std::vector<float> sorted_mags = mags;
  const float mag_threshold = median_float(sorted_mags);

  // pitch_tuning: histogram of the deviations from the equal-tempered grid, 0.01-bin steps.
  const int bin_count = 100;
  std::vector<double> edges(bin_count + 1);
  for (int i = 0; i <= bin_count; ++i) edges[i] = i * 0.01 + -0.5;
  edges[bin_count] = 0.5;
  std::vector<long> counts(bin_count, 0);
  const float reference = static_cast<float>(440.0 / 16);
  bool any = false;
  for (size_t i = 0; i < pitches.size(); ++i) {
    if (!(mags[i] >= mag_threshold)) continue;
    const float octs = std::log2(pitches[i] / reference);
    float residual = std::fmod(static_cast<float>(bins_per_octave) * octs, 1.0f);
    if (residual < 0) residual += 1.0f;
    if (residual >= 0.5f) residual -= 1.0f;
    const double r = residual;
    if (r < edges[0] || r > edges[bin_count]) continue;
    // first edge > r, minus one; the last bin is closed on the right
    int k = static_cast<int>(std::upper_bound(edges.begin(), edges.end(), r) - edges.begin()) - 1;
    k = std::min(k, bin_count - 1);
    ++counts[k];
    any = true;
  }
  if (!any) return 0.0;
  const int best =
      static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  return edges[best];
}

namespace {

// The chroma filter bank transposed to bin-major doubles, cached: tuning estimates take only
// 100 values (0.01 steps), so a batch builds each bank once instead of once per segment
// (at most 100 entries per rate; std::map keeps references valid as it grows).
const std::vector<double>& bin_major_chroma_weights(double sample_rate, int n_fft, double tuning,
                                                    int n_chroma) {
  using Key = std::tuple<double, int, double, int>;
  static std::map<Key, std::vector<double>> cache;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  const Key key{sample_rate, n_fft, tuning, n_chroma};
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const std::vector<std::vector<float>> fb =
      dsp::chroma_filterbank(sample_rate, n_fft, tuning, n_chroma);
  const int bins = n_fft / 2 + 1;
  std::vector<double> weights(static_cast<size_t>(bins) * n_chroma);
  for (int c = 0; c < n_chroma; ++c)
    for (int f = 0; f < bins; ++f) weights[static_cast<size_t>(f) * n_chroma + c] = fb[c][f];
  return cache.emplace(key, std::move(weights)).first->second;
}

// sums[c] += w[f][c] * p[f] over the bins in order, one double accumulator per chroma: the same
// additions as a per-chroma dot product, with independent (vectorisable) accumulators.
template <int kChroma>
void chroma_sums(const double* weights, const float* p, int bins, double* sums) {
  double acc[kChroma] = {};
  for (int f = 0; f < bins; ++f) {
    const double pf = p[f];
    const double* w = weights + static_cast<size_t>(f) * kChroma;
    for (int c = 0; c < kChroma; ++c) acc[c] += w[c] * pf;
  }
  for (int c = 0; c < kChroma; ++c) sums[c] = acc[c];
}

void chroma_sums(const double* weights, const float* p, int bins, int n_chroma, double* sums) {
  if (n_chroma == 12) return chroma_sums<12>(weights, p, bins, sums);
  std::fill(sums, sums + n_chroma, 0.0);
  for (int f = 0; f < bins; ++f) {
    const double pf = p[f];
    const double* w = weights + static_cast<size_t>(f) * n_chroma;
    for (int c = 0; c < n_chroma; ++c) sums[c] += w[c] * pf;
  }
}

}  // namespace

Spectrogram chroma_stft(const Spectrogram& power, double sample_rate, double tuning, int n_chroma) {
  if (std::isnan(tuning)) tuning = estimate_tuning(power, sample_rate, n_chroma);
  const int n_fft = 2 * (power.bins - 1);
  const int bins = power.bins;
  const std::vector<double>& weights =
      bin_major_chroma_weights(sample_rate, n_fft, tuning, n_chroma);
  Spectrogram out(power.frames, n_chroma);
  const float tiny = std::numeric_limits<float>::min();
  std::vector<double> sums(n_chroma);
  for (int t = 0; t < power.frames; ++t) {
    const float* p = power.frame(t);
    chroma_sums(weights.data(), p, bins, n_chroma, sums.data());
    float* row = out.frame(t);
    float peak = 0.0f;
    for (int c = 0; c < n_chroma; ++c) {
      row[c] = static_cast<float>(sums[c]);
      peak = std::max(peak, std::abs(row[c]));
    }
    if (peak < tiny) peak = 1.0f;
    for (int c = 0; c < n_chroma; ++c) row[c] /= peak;
  }
  return out;
}

}  // namespace cadenza::features
