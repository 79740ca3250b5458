#include "features/rhythm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "dsp/convert.h"
#include "dsp/fft.h"
#include "dsp/window.h"

namespace cadenza::features {

std::vector<float> onset_strength(const dsp::Spectrogram& mel_power, Aggregate aggregate, int n_fft,
                                  int hop_length) {
  std::vector<float> db = mel_power.values;
  dsp::power_to_db(db, 1.0, 80.0);
  const int frames = mel_power.frames, bands = mel_power.bins;
  const int lag = 1, pad = lag + n_fft / (2 * hop_length);
  std::vector<float> env(frames, 0.0f), flux(bands);
  for (int t = pad; t < frames; ++t) {
    const int j = t - pad;  // flux between frames j and j + lag
    if (j + lag >= frames) break;
    const float* now = db.data() + static_cast<size_t>(j + lag) * bands;
    const float* before = db.data() + static_cast<size_t>(j) * bands;
    for (int m = 0; m < bands; ++m) flux[m] = std::max(0.0f, now[m] - before[m]);
    if (aggregate == Aggregate::kMedian) {
      const int half = bands / 2;
      std::nth_element(flux.begin(), flux.begin() + half, flux.end());
      const float upper = flux[half];
      env[t] =
          bands % 2 ? upper : (*std::max_element(flux.begin(), flux.begin() + half) + upper) / 2.0f;
    } else {
      double sum = 0.0;
      for (float v : flux) sum += v;
      env[t] = static_cast<float>(sum / bands);
    }
  }
  return env;
}

double tempo(const std::vector<float>& onset_envelope, double sample_rate, int hop_length,
             const TempoParams& params) {
  const int n = static_cast<int>(onset_envelope.size());
  if (n == 0 ||
      std::all_of(onset_envelope.begin(), onset_envelope.end(), [](float v) { return v == 0.0f; }))
    return 0.0;
  // time_to_frames(ac_size): floor(int(ac_size * sr) / hop)
  const int win = static_cast<int>(static_cast<long>(params.ac_size * sample_rate) / hop_length);
  const int half = win / 2;
  // np.pad(mode='linear_ramp', end_values=0), computed in float32 as the envelope is.
  std::vector<float> padded(static_cast<size_t>(n) + 2 * half);
  const double first = onset_envelope.front(), last = onset_envelope.back();
  for (int j = 0; j < half; ++j) {
    padded[j] = static_cast<float>(j * (first / half));
    padded[static_cast<size_t>(n) + half + j] = static_cast<float>((half - 1 - j) * (last / half));
  }
  std::copy(onset_envelope.begin(), onset_envelope.end(), padded.begin() + half);

  const std::vector<double> window = dsp::hann_window(win);
  int fft_size = 1;
  while (fft_size < 2 * win - 1) fft_size *= 2;
  dsp::RealFft fft(fft_size);
  std::vector<double> mean_ac(win, 0.0), ac(win);
  for (int t = 0; t < n; ++t) {
    double* x = fft.signal();
    bool nonzero = false;
    for (int k = 0; k < win; ++k) {
      x[k] = static_cast<double>(padded[t + k]) * window[k];
      nonzero |= x[k] != 0.0;
    }
    if (!nonzero) continue;  // an all-zero frame normalises to zeros
    std::fill(x + win, x + fft_size, 0.0);
    fft.forward();
    std::complex<double>* spectrum = fft.spectrum();
    for (int f = 0; f < fft.bins(); ++f) spectrum[f] = std::norm(spectrum[f]);
    fft.inverse();
    double peak = 0.0;
    for (int k = 0; k < win; ++k) {
      ac[k] = x[k] / fft_size;
      peak = std::max(peak, std::abs(ac[k]));
    }
    if (peak < std::numeric_limits<double>::min()) peak = 1.0;
    for (int k = 0; k < win; ++k) mean_ac[k] += ac[k] / peak;
  }
  for (double& v : mean_ac) v /= n;

  // bpm of lag k: 60 sr / (hop k); log-normal prior; lags faster than max_tempo excluded.
  int best = -1;
  double best_score = -std::numeric_limits<double>::infinity();
  const double log_start = std::log2(params.start_bpm);
  for (int k = 1; k < win; ++k) {
    const double bpm = 60.0 * sample_rate / (static_cast<double>(hop_length) * k);
    if (bpm >= params.max_tempo) continue;
    const double z = (std::log2(bpm) - log_start) / params.std_bpm;
    const double score = std::log1p(1e6 * mean_ac[k]) + -0.5 * z * z;
    if (best < 0 || score > best_score) {
      best = k;
      best_score = score;
    }
  }
  if (best < 0) return 0.0;
  return 60.0 * sample_rate / (static_cast<double>(hop_length) * best);
}

double beat_track_tempo(const dsp::Spectrogram& mel_power, double sample_rate) {
  return tempo(onset_strength(mel_power, Aggregate::kMedian), sample_rate);
}

}  // namespace cadenza::features
