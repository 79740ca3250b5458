#include "dsp/hpss.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dsp/median_filter.h"
#include "dsp/stft.h"

namespace cadenza::dsp {
namespace {

// librosa.util.softmask(X, X_ref, power, split_zeros=True) for the harmonic mask, in float32:
// Z = max(X, X_ref); (X/Z)^p / ((X/Z)^p + (X_ref/Z)^p), or 0.5 where Z is below float32's tiny.
float harmonic_mask(float harm, float perc, float power) {
  const float z = std::max(harm, perc);
  if (z < std::numeric_limits<float>::min()) return 0.5f;
  float a, b;
  if (power == 2.0f) {
    const float ha = harm / z, pb = perc / z;
    a = ha * ha;
    b = pb * pb;
  } else {
    a = std::pow(harm / z, power);
    b = std::pow(perc / z, power);
  }
  return a / (a + b);
}

// harmonic_mask for a run of n bins; with SSE2 four bins per instruction (the same IEEE float32
// operations, so the same results as the scalar code).
void harmonic_mask_run(const float* harm, const float* perc, int n, float power, float* mask) {
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
      const __m128 mh = _mm_div_ps(a, _mm_add_ps(a, b));
      _mm_storeu_ps(mask + f, _mm_or_ps(_mm_and_ps(bad, half), _mm_andnot_ps(bad, mh)));
    }
  }
#endif
  for (; f < n; ++f) mask[f] = harmonic_mask(harm[f], perc[f], power);
}

// The harmonic wave from the magnitudes and a source of y's complex frames (frame(t)): the
// masks are applied frame by frame straight into the inverse STFT, so no masked spectrum is
// stored, and the percussive medians (across frequency, frame by frame) are taken for a block
// of frames at a time.
template <typename Frames>
std::vector<float> harmonic_wave(Frames&& frame, std::size_t length, const Spectrogram& magnitude,
                                 const HpssParams& params) {
  const int frames = magnitude.frames, bins = magnitude.bins;
  std::vector<float> harm(magnitude.values.size());
  median_filter_columns(magnitude.values.data(), harm.data(), frames, bins, params.kernel_size);
  constexpr int kBlock = 16;  // the widest SIMD filter's lines
  std::vector<float> perc(static_cast<size_t>(kBlock) * bins);
  const float power = static_cast<float>(params.power);
  InverseStft harmonic(frames, length);
  std::vector<float> mask(bins);
  for (int t = 0; t < harmonic.frames(); ++t) {
    if (t % kBlock == 0)
      median_filter_rows(magnitude.frame(t), perc.data(), std::min(kBlock, frames - t), bins,
                         params.kernel_size);
    const float* perc_row = perc.data() + static_cast<size_t>(t % kBlock) * bins;
    harmonic_mask_run(harm.data() + static_cast<size_t>(t) * bins, perc_row, bins, power,
                      mask.data());
    std::complex<double>* h = harmonic.frame_bins();
    const std::complex<float>* d = frame(t);
    // librosa: (S * mask) * exp(1j * angle(D)). With S = |D| that is mask * D up to float32
    // rounding (~1e-7 relative), without an atan2, cos and sin per bin.
    for (int f = 0; f < bins; ++f) h[f] = {mask[f] * d[f].real(), mask[f] * d[f].imag()};
    harmonic.add_frame(t);
  }
  return harmonic.finish();
}

}  // namespace

std::vector<float> hpss_harmonic_wave(const ComplexSpectrogram& spectrum,
                                      const Spectrogram& magnitude, std::size_t length,
                                      const HpssParams& params) {
  if (spectrum.frames != magnitude.frames || spectrum.bins != magnitude.bins)
    throw std::invalid_argument("hpss: magnitude is not that of the spectrum");
  return harmonic_wave([&](int t) { return spectrum.frame(t); }, length, magnitude, params);
}

std::vector<float> hpss_harmonic_wave(const float* y, std::size_t length,
                                      const Spectrogram& magnitude, const HpssParams& params) {
  StftFrames spectrum(y, length);
  if (spectrum.frames() != magnitude.frames || spectrum.bins() != magnitude.bins)
    throw std::invalid_argument("hpss: magnitude is not that of y's STFT");
  return harmonic_wave([&](int t) { return spectrum.frame(t); }, length, magnitude, params);
}

void harmonic_to_percussive(const float* y, std::vector<float>& wave) {
  for (std::size_t i = 0; i < wave.size(); ++i) wave[i] = y[i] - wave[i];
}

}  // namespace cadenza::dsp
