#include "dsp/filters.h"

#include <algorithm>
#include <cmath>

#include "dsp/convert.h"

namespace cadenza::dsp {

std::vector<FilterRow> mel_filterbank(double sample_rate, int n_fft, int n_mels, double fmin,
                                      double fmax) {
  if (fmax < 0) fmax = sample_rate / 2;
  const std::vector<double> fft_freqs = fft_frequencies(sample_rate, n_fft);
  const std::vector<double> mel_f = mel_frequencies(n_mels + 2, fmin, fmax);
  const int bins = static_cast<int>(fft_freqs.size());
  std::vector<FilterRow> rows(n_mels);
  for (int m = 0; m < n_mels; ++m) {
    const double lower_width = mel_f[m + 1] - mel_f[m];
    const double upper_width = mel_f[m + 2] - mel_f[m + 1];
    const double enorm = 2.0 / (mel_f[m + 2] - mel_f[m]);
    std::vector<float> dense(bins);
    int first = bins, last = -1;
    for (int f = 0; f < bins; ++f) {
      const double lower = -(mel_f[m] - fft_freqs[f]) / lower_width;
      const double upper = (mel_f[m + 2] - fft_freqs[f]) / upper_width;
      const float w = static_cast<float>(std::max(0.0, std::min(lower, upper)));
      // weights *= enorm: float32 weight times float64 norm, stored as float32
      dense[f] = static_cast<float>(static_cast<double>(w) * enorm);
      if (dense[f] != 0.0f) {
        first = std::min(first, f);
        last = f;
      }
    }
    if (last >= first) {
      rows[m].first = first;
      rows[m].weights.assign(dense.begin() + first, dense.begin() + last + 1);
    }
  }
  return rows;
}

std::vector<std::vector<float>> chroma_filterbank(double sample_rate, int n_fft, double tuning,
                                                  int n_chroma) {
  // Frequencies of bins 1..n_fft-1 (the full FFT), in chroma bins relative to A440 / 16.
  const double a440 = 440.0 * std::pow(2.0, tuning / n_chroma);
  std::vector<double> frqbins(n_fft);
  for (int i = 1; i < n_fft; ++i) {
    const double hz = i * (sample_rate / n_fft);
    frqbins[i] = n_chroma * std::log2(hz / (a440 / 16));
  }
  frqbins[0] = frqbins[1] - 1.5 * n_chroma;  // the DC bin, 1.5 octaves below bin 1
  std::vector<double> binwidth(n_fft);
  for (int i = 0; i + 1 < n_fft; ++i) binwidth[i] = std::max(frqbins[i + 1] - frqbins[i], 1.0);
  binwidth[n_fft - 1] = 1.0;

  // Only the columns of the rfft's bins are kept, and every step below is per column: the
  // weights are computed for those alone.
  const int bins = n_fft / 2 + 1;
  const double half = std::round(n_chroma / 2.0);
  std::vector<std::vector<double>> wts(n_chroma, std::vector<double>(bins));
  for (int c = 0; c < n_chroma; ++c)
    for (int i = 0; i < bins; ++i) {
      double d = frqbins[i] - c;
      d = std::fmod(d + half + 10 * n_chroma, static_cast<double>(n_chroma));
      if (d < 0) d += n_chroma;  // np.remainder takes the sign of the divisor
      d -= half;
      const double z = 2 * d / binwidth[i];
      wts[c][i] = std::exp(-0.5 * z * z);
    }
  // Normalise each column (frequency) to unit L2 norm.
  for (int i = 0; i < bins; ++i) {
    double norm = 0.0;
    for (int c = 0; c < n_chroma; ++c) norm += wts[c][i] * wts[c][i];
    norm = std::sqrt(norm);
    if (norm < std::numeric_limits<double>::min()) norm = 1.0;
    for (int c = 0; c < n_chroma; ++c) wts[c][i] /= norm;
  }
  // Gaussian octave weighting centred on octave 5 with a width of 2 octaves.
  for (int i = 0; i < bins; ++i) {
    const double z = (frqbins[i] / n_chroma - 5.0) / 2.0;
    const double weight = std::exp(-0.5 * z * z);
    for (int c = 0; c < n_chroma; ++c) wts[c][i] *= weight;
  }
  // Start at C: roll the rows by -3 (A -> C).
  const int shift = 3 * (n_chroma / 12);
  std::vector<std::vector<float>> out(n_chroma, std::vector<float>(bins));
  for (int c = 0; c < n_chroma; ++c) {
    const int source = (c + shift) % n_chroma;
    for (int i = 0; i < bins; ++i) out[c][i] = static_cast<float>(wts[source][i]);
  }
  return out;
}

}  // namespace cadenza::dsp
