#include "features/beat.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "features/rhythm.h"

namespace cadenza::features {
namespace {

// scipy.signal.convolve(x, kernel, 'same') for an odd, symmetric kernel.
std::vector<double> convolve_same(const std::vector<double>& x, const std::vector<double>& kernel) {
  const int n = static_cast<int>(x.size()), half = static_cast<int>(kernel.size()) / 2;
  std::vector<double> out(n, 0.0);
  for (int i = 0; i < n; ++i) {
    double sum = 0.0;
    for (int k = -half; k <= half; ++k)
      if (i + k >= 0 && i + k < n) sum += x[i + k] * kernel[half - k];
    out[i] = sum;
  }
  return out;
}

// The onset envelope over its standard deviation (ddof 1), smoothed by a Gaussian of the beat
// period: how much each frame looks like a beat.
std::vector<double> local_score(const std::vector<float>& onsets, int period) {
  const size_t n = onsets.size();
  std::vector<double> x(onsets.begin(), onsets.end());
  if (n > 1) {
    double mean = 0, var = 0;
    for (double v : x) mean += v;
    mean /= n;
    for (double v : x) var += (v - mean) * (v - mean);
    const double norm = std::sqrt(var / (n - 1));
    if (norm > 0)
      for (double& v : x) v /= norm;
  }
  std::vector<double> window(2 * period + 1);
  for (int k = -period; k <= period; ++k) {
    const double z = k * 32.0 / period;
    window[k + period] = std::exp(-0.5 * z * z);
  }
  return convolve_same(x, window);
}

}  // namespace

std::vector<int> track_beats(const std::vector<float>& onset_envelope, double bpm,
                             double frames_per_second, double tightness, bool trim) {
  if (bpm <= 0) throw std::invalid_argument("track_beats: bpm must be positive");
  if (tightness <= 0) throw std::invalid_argument("track_beats: tightness must be positive");
  const int n = static_cast<int>(onset_envelope.size());
  if (n == 0) return {};
  const int period = static_cast<int>(std::nearbyint(60.0 * frames_per_second / bpm));
  if (period < 1) return {};
  const std::vector<double> score = local_score(onset_envelope, period);
  const double max_score = *std::max_element(score.begin(), score.end());

  // Predecessors 2 periods to half a period back, weighted by a log-Gaussian around 1 period.
  const int nearest = static_cast<int>(std::nearbyint(period / 2.0));  // np.round: half to even
  std::vector<int> offsets;
  for (int o = -2 * period; o <= -nearest; ++o) offsets.push_back(o);
  std::vector<double> weight(offsets.size());
  for (size_t k = 0; k < offsets.size(); ++k) {
    const double l = std::log(-offsets[k] / static_cast<double>(period));
    weight[k] = -tightness * l * l;
  }
  std::vector<int> backlink(n);
  std::vector<double> cumulative(n);
  bool first_beat = true;
  for (int i = 0; i < n; ++i) {
    int best = 0;
    double best_value = -HUGE_VAL;
    for (size_t k = 0; k < offsets.size(); ++k) {
      const int j = i + offsets[k];
      const double value = weight[k] + (j >= 0 ? cumulative[j] : 0.0);
      if (value > best_value) {
        best_value = value;
        best = static_cast<int>(k);
      }
    }
    cumulative[i] = score[i] + best_value;
    if (first_beat && score[i] < 0.01 * max_score) {
      backlink[i] = -1;
    } else {
      backlink[i] = i + offsets[best];
      first_beat = false;
    }
  }
  // The last beat: the last local maximum of the cumulative score above half their median.
  std::vector<double> peaks;
  std::vector<bool> is_peak(n);
  for (int i = 0; i < n; ++i) {
    const double left = cumulative[i > 0 ? i - 1 : 0], right = cumulative[i + 1 < n ? i + 1 : i];
    is_peak[i] = cumulative[i] > left && cumulative[i] >= right;
    if (is_peak[i]) peaks.push_back(cumulative[i]);
  }
  if (peaks.empty()) return {};
  std::sort(peaks.begin(), peaks.end());
  const size_t m = peaks.size();
  const double median = m % 2 ? peaks[m / 2] : (peaks[m / 2 - 1] + peaks[m / 2]) / 2;
  int last = -1;
  for (int i = 0; i < n; ++i)  // cumscore * maxes * 2 > median: non-peaks count as 0
    if ((is_peak[i] ? cumulative[i] * 2 : 0.0) > median) last = i;
  if (last < 0) return {};
  std::vector<int> beats = {last};
  while (backlink[beats.back()] >= 0) beats.push_back(backlink[beats.back()]);
  std::reverse(beats.begin(), beats.end());

  // Trim weak leading and trailing beats (librosa keeps beats[first : last], exclusive).
  std::vector<double> strength(beats.size());
  for (size_t b = 0; b < beats.size(); ++b) strength[b] = score[beats[b]];
  const std::vector<double> smooth = convolve_same(strength, {0.0, 0.5, 1.0, 0.5, 0.0});
  double threshold = 0.0;
  if (trim) {
    double mean_square = 0;
    for (double v : smooth) mean_square += v * v;
    threshold = 0.5 * std::sqrt(mean_square / smooth.size());
  }
  int first_valid = -1, last_valid = -1;
  for (size_t b = 0; b < smooth.size(); ++b)
    if (smooth[b] > threshold) {
      if (first_valid < 0) first_valid = static_cast<int>(b);
      last_valid = static_cast<int>(b);
    }
  if (first_valid < 0) return {};
  return std::vector<int>(beats.begin() + first_valid, beats.begin() + last_valid);
}

BeatTrack beat_track(const dsp::Spectrogram& mel_power, double sample_rate, int hop_length) {
  const std::vector<float> envelope =
      onset_strength(mel_power, Aggregate::kMedian, 2048, hop_length);
  BeatTrack result;
  result.tempo = tempo(envelope, sample_rate, hop_length);
  if (result.tempo <= 0) return result;
  result.beats = track_beats(envelope, result.tempo, sample_rate / hop_length);
  return result;
}

}  // namespace cadenza::features
