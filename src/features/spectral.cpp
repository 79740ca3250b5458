#include "features/spectral.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "dsp/convert.h"
#include "dsp/numpy_sum.h"

namespace cadenza::features {
namespace {

int n_fft_of(const Spectrogram& s) { return 2 * (s.bins - 1); }

// librosa.util.normalize(S, norm=1, axis=-2) for one frame: S / sum(S) in float32.
float l1_length(const float* frame, int bins) {
  const float length = dsp::numpy_pairwise_sum(frame, bins);
  return length < std::numeric_limits<float>::min() ? 1.0f : length;
}

}  // namespace

std::vector<double> spectral_centroid(const Spectrogram& magnitude, double sample_rate) {
  const std::vector<double> freq = dsp::fft_frequencies(sample_rate, n_fft_of(magnitude));
  std::vector<double> out(magnitude.frames);
  for (int t = 0; t < magnitude.frames; ++t) {
    const float* s = magnitude.frame(t);
    const float length = l1_length(s, magnitude.bins);
    double sum = 0.0;
    for (int f = 0; f < magnitude.bins; ++f) sum += freq[f] * static_cast<double>(s[f] / length);
    out[t] = sum;
  }
  return out;
}

std::vector<double> spectral_bandwidth(const Spectrogram& magnitude,
                                       const std::vector<double>& centroid, double sample_rate) {
  const std::vector<double> freq = dsp::fft_frequencies(sample_rate, n_fft_of(magnitude));
  std::vector<double> out(magnitude.frames);
  for (int t = 0; t < magnitude.frames; ++t) {
    const float* s = magnitude.frame(t);
    const float length = l1_length(s, magnitude.bins);
    double sum = 0.0;
    for (int f = 0; f < magnitude.bins; ++f) {
      const double deviation = std::abs(centroid[t] - freq[f]);
      sum += static_cast<double>(s[f] / length) * (deviation * deviation);
    }
    out[t] = std::sqrt(sum);
  }
  return out;
}

std::vector<double> spectral_rolloff(const Spectrogram& magnitude, double sample_rate,
                                     double roll_percent) {
  const std::vector<double> freq = dsp::fft_frequencies(sample_rate, n_fft_of(magnitude));
  std::vector<double> out(magnitude.frames);
  std::vector<float> cumulative(magnitude.bins);
  const float percent = static_cast<float>(roll_percent);
  for (int t = 0; t < magnitude.frames; ++t) {
    const float* s = magnitude.frame(t);
    float total = 0.0f;
    for (int f = 0; f < magnitude.bins; ++f) cumulative[f] = total += s[f];
    const float threshold = percent * total;
    int f = 0;
    while (f < magnitude.bins && cumulative[f] < threshold) ++f;
    out[t] = f < magnitude.bins ? freq[f] : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

std::vector<float> spectral_flatness(const Spectrogram& magnitude) {
  const double amin = 1e-10;
  std::vector<float> out(magnitude.frames);
  for (int t = 0; t < magnitude.frames; ++t) {
    const float* s = magnitude.frame(t);
    double log_sum = 0.0, sum = 0.0;
    for (int f = 0; f < magnitude.bins; ++f) {
      const double p = std::max(amin, static_cast<double>(s[f] * s[f]));
      log_sum += std::log(p);
      sum += p;
    }
    out[t] = static_cast<float>(std::exp(log_sum / magnitude.bins) / (sum / magnitude.bins));
  }
  return out;
}

std::vector<float> rms(const float* samples, std::size_t count, int frame_length, int hop_length) {
  const int frames = 1 + static_cast<int>(count / hop_length);
  const long pad = frame_length / 2, n = static_cast<long>(count);
  std::vector<float> out(frames), squares(frame_length);
  for (int t = 0; t < frames; ++t) {
    const long start = static_cast<long>(t) * hop_length - pad;
    for (int k = 0; k < frame_length; ++k) {
      const long i = start + k;
      const float v = (i >= 0 && i < n) ? samples[i] : 0.0f;
      squares[k] = v * v;
    }
    const float power =
        dsp::numpy_pairwise_sum(squares.data(), squares.size()) / static_cast<float>(frame_length);
    out[t] = std::sqrt(power);
  }
  return out;
}

std::vector<double> zero_crossing_rate(const float* samples, std::size_t count, int frame_length,
                                       int hop_length) {
  const int frames = 1 + static_cast<int>(count / hop_length);
  const long pad = frame_length / 2, n = static_cast<long>(count);
  const float threshold = 1e-10f;
  std::vector<double> out(frames);
  if (n == 0) return out;
  auto negative = [&](long i) {  // np.signbit after |y| <= threshold was set to 0
    const float v = samples[std::clamp(i, 0L, n - 1)];  // 'edge' padding
    return v < -threshold;
  };
  // Frames overlap (2048 long, hop 512): count each sign change of the padded signal once, as
  // a running total, and take each frame's count as a difference (exact integers, as before).
  const long first = -pad, last = static_cast<long>(frames - 1) * hop_length - pad + frame_length;
  std::vector<int> changes_before(static_cast<std::size_t>(last - first) + 1, 0);
  bool previous = negative(first);
  for (long i = first + 1; i < last; ++i) {
    const bool current = negative(i);
    changes_before[i + 1 - first] = changes_before[i - first] + (current != previous);
    previous = current;
  }
  for (int t = 0; t < frames; ++t) {
    const long start = static_cast<long>(t) * hop_length - pad;  // changes at start+1 .. end-1
    const int crossings =
        changes_before[start + frame_length - first] - changes_before[start + 1 - first];
    out[t] = static_cast<double>(crossings) / frame_length;
  }
  return out;
}

Spectrogram melspectrogram(const Spectrogram& power, const std::vector<dsp::FilterRow>& mel_basis) {
  const int bands = static_cast<int>(mel_basis.size());
  Spectrogram out(power.frames, bands);
  for (int t = 0; t < power.frames; ++t) {
    const float* p = power.frame(t);
    float* row = out.frame(t);
    for (int m = 0; m < bands; ++m) {
      const dsp::FilterRow& filter = mel_basis[m];
      double sum = 0.0;
      for (size_t k = 0; k < filter.weights.size(); ++k)
        sum += static_cast<double>(filter.weights[k]) * p[filter.first + k];
      row[m] = static_cast<float>(sum);
    }
  }
  return out;
}

Spectrogram mfcc(const Spectrogram& mel_power, int n_mfcc) {
  std::vector<float> db = mel_power.values;
  dsp::power_to_db(db, 1.0, 80.0);
  const int n = mel_power.bins;
  n_mfcc = std::min(n_mfcc, n);
  std::vector<double> basis(static_cast<size_t>(n_mfcc) * n);
  for (int k = 0; k < n_mfcc; ++k) {
    const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / n);
    for (int i = 0; i < n; ++i)
      basis[static_cast<size_t>(k) * n + i] = scale * std::cos(M_PI * k * (2 * i + 1) / (2.0 * n));
  }
  Spectrogram out(mel_power.frames, n_mfcc);
  for (int t = 0; t < mel_power.frames; ++t) {
    const float* x = db.data() + static_cast<size_t>(t) * n;
    for (int k = 0; k < n_mfcc; ++k) {
      const double* b = basis.data() + static_cast<size_t>(k) * n;
      double sum = 0.0;
      for (int i = 0; i < n; ++i) sum += b[i] * x[i];
      out.at(t, k) = static_cast<float>(sum);
    }
  }
  return out;
}

}  // namespace cadenza::features
