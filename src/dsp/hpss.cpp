#include "dsp/hpss.h"

#include <algorithm>
#include <cmath>
#include <limits>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dsp/median_filter.h"
#include "dsp/stft.h"

namespace cadenza::dsp {
namespace {

// librosa.util.softmask(X, X_ref, 2, split_zeros=True) for both masks at once, in float32:
// Z = max(X, X_ref); (X/Z)^2 / ((X/Z)^2 + (X_ref/Z)^2), or 0.5 where Z is below float32's tiny.
void softmasks(float harm, float perc, float power, float& mask_harm, float& mask_perc) {
  const float z = std::max(harm, perc);
  if (z < std::numeric_limits<float>::min()) {
    mask_harm = mask_perc = 0.5f;
    return;
  }
  float a, b;
  if (power == 2.0f) {
    const float ha = harm / z, pb = perc / z;
    a = ha * ha;
    b = pb * pb;
  } else {
    a = std::pow(harm / z, power);
    b = std::pow(perc / z, power);
  }
  mask_harm = a / (a + b);
  mask_perc = b / (b + a);
}

// softmasks for a run of n bins; with SSE2 four bins per instruction (the same IEEE float32
// operations, so the same results as the scalar code).
void softmask_run(const float* harm, const float* perc, int n, float power, float* mask_harm,
                  float* mask_perc) {
  int f = 0;
#ifdef __SSE2__
  if (power == 2.0f) {
    const __m128 tiny = _mm_set1_ps(std::numeric_limits<float>::min());
    const __m128 one = _mm_set1_ps(1.0f), half = _mm_set1_ps(0.5f);
    for (; f + 4 <= n; f += 4) {
      const __m128 h = _mm_loadu_ps(harm + f), p = _mm_loadu_ps(perc + f);
      const __m128 z = _mm_max_ps(h, p);
      const __m128 bad = _mm_cmplt_ps(z, tiny);
      const __m128 safe_z = _mm_or_ps(_mm_and_ps(bad, one), _mm_andnot_ps(bad, z));
      const __m128 ha = _mm_div_ps(h, safe_z), pb = _mm_div_ps(p, safe_z);
      const __m128 a = _mm_mul_ps(ha, ha), b = _mm_mul_ps(pb, pb);
      const __m128 sum = _mm_add_ps(a, b);
      const __m128 mh = _mm_div_ps(a, sum), mp = _mm_div_ps(b, sum);
      _mm_storeu_ps(mask_harm + f, _mm_or_ps(_mm_and_ps(bad, half), _mm_andnot_ps(bad, mh)));
      _mm_storeu_ps(mask_perc + f, _mm_or_ps(_mm_and_ps(bad, half), _mm_andnot_ps(bad, mp)));
    }
  }
#endif
  for (; f < n; ++f) softmasks(harm[f], perc[f], power, mask_harm[f], mask_perc[f]);
}

struct Medians {
  std::vector<float> harm, perc;
};

Medians median_filters(const Spectrogram& magnitude, int kernel_size) {
  const int frames = magnitude.frames, bins = magnitude.bins;
  Medians m{std::vector<float>(magnitude.values.size()),
            std::vector<float>(magnitude.values.size())};
  // Harmonic: median across time for every bin (down the columns of [frame][bin]);
  // percussive: median across frequency within every frame.
  median_filter_columns(magnitude.values.data(), m.harm.data(), frames, bins, kernel_size);
  median_filter_rows(magnitude.values.data(), m.perc.data(), frames, bins, kernel_size);
  return m;
}

}  // namespace

HpssSpectra hpss(const ComplexSpectrogram& spectrum, const Spectrogram& magnitude,
                 const HpssParams& params) {
  const Medians m = median_filters(magnitude, params.kernel_size);
  HpssSpectra out{ComplexSpectrogram(magnitude.frames, magnitude.bins),
                  ComplexSpectrogram(magnitude.frames, magnitude.bins)};
  const float power = static_cast<float>(params.power);
  for (size_t i = 0; i < magnitude.values.size(); ++i) {
    float mask_harm, mask_perc;
    softmasks(m.harm[i], m.perc[i], power, mask_harm, mask_perc);
    // librosa: (S * mask) * exp(1j * angle(D)). With S = |D| that is mask * D up to float32
    // rounding (~1e-7 relative), without an atan2, cos and sin per bin.
    const std::complex<float> d = spectrum.values[i];
    out.harmonic.values[i] = {mask_harm * d.real(), mask_harm * d.imag()};
    out.percussive.values[i] = {mask_perc * d.real(), mask_perc * d.imag()};
  }
  return out;
}

std::vector<float> hpss_harmonic_wave(const ComplexSpectrogram& spectrum,
                                      const Spectrogram& magnitude, std::size_t length,
                                      const HpssParams& params) {
  // Masks are applied frame by frame straight into the inverse STFT: no masked spectrum is
  // stored, and the percussive medians (across frequency, frame by frame) are taken for a
  // block of frames at a time instead of for the whole signal.
  const int frames = magnitude.frames, bins = magnitude.bins;
  std::vector<float> harm(magnitude.values.size());
  median_filter_columns(magnitude.values.data(), harm.data(), frames, bins, params.kernel_size);
  constexpr int kBlock = 16;  // the widest SIMD filter's lines
  std::vector<float> perc(static_cast<size_t>(kBlock) * bins);
  const float power = static_cast<float>(params.power);
  InverseStft harmonic(spectrum.frames, length);
  std::vector<float> mask_harm(bins), mask_perc(bins);
  for (int t = 0; t < harmonic.frames(); ++t) {
    if (t % kBlock == 0)
      median_filter_rows(magnitude.frame(t), perc.data(), std::min(kBlock, frames - t), bins,
                         params.kernel_size);
    const float* perc_row = perc.data() + static_cast<size_t>(t % kBlock) * bins;
    softmask_run(harm.data() + static_cast<size_t>(t) * bins, perc_row, bins, power,
                 mask_harm.data(), mask_perc.data());
    std::complex<double>* h = harmonic.frame_bins();
    const std::complex<float>* d = spectrum.frame(t);
    for (int f = 0; f < bins; ++f) h[f] = {mask_harm[f] * d[f].real(), mask_harm[f] * d[f].imag()};
    harmonic.add_frame(t);
  }
  return harmonic.finish();
}

void harmonic_to_percussive(const float* y, std::vector<float>& wave) {
  for (std::size_t i = 0; i < wave.size(); ++i) wave[i] = y[i] - wave[i];
}

}  // namespace cadenza::dsp
