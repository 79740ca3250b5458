#include "dsp/stft.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include "dsp/fft.h"
#include "dsp/window.h"

namespace cadenza::dsp {

int frame_count(std::size_t samples, int hop_length) {
  return 1 + static_cast<int>(samples / static_cast<std::size_t>(hop_length));
}

struct StftFrames::Impl {
  Impl(const float* samples, std::size_t count, int n_fft)
      : samples(samples), count(count), window(hann_window(n_fft)), fft(n_fft), row(fft.bins()) {}
  const float* samples;
  std::size_t count;
  std::vector<double> window;
  RealFft fft;
  std::vector<std::complex<float>> row;
};

StftFrames::StftFrames(const float* samples, std::size_t count, const StftParams& params)
    : params_(params) {
  if (params.n_fft < 2 || params.hop_length < 1)
    throw std::invalid_argument("stft: n_fft must be >= 2 and hop >= 1");
  frames_ = frame_count(count, params.hop_length);
  impl_ = new Impl(samples, count, params.n_fft);
}

StftFrames::~StftFrames() { delete impl_; }

const std::complex<float>* StftFrames::frame(int t) {
  const int n_fft = params_.n_fft;
  RealFft& fft = impl_->fft;
  double* x = fft.signal();
  const long start = static_cast<long>(t) * params_.hop_length - n_fft / 2;  // unpadded index
  const long n = static_cast<long>(impl_->count);
  const double* window = impl_->window.data();
  if (start >= 0 && start + n_fft <= n) {  // inside the signal: no padding, a loop that vectorises
    const float* in = impl_->samples + start;
    for (int k = 0; k < n_fft; ++k) x[k] = window[k] * static_cast<double>(in[k]);
  } else {
    for (int k = 0; k < n_fft; ++k) {
      const long i = start + k;
      x[k] = (i >= 0 && i < n) ? window[k] * static_cast<double>(impl_->samples[i]) : 0.0;
    }
  }
  fft.forward();
  const std::complex<double>* spectrum = fft.spectrum();
  std::complex<float>* row = impl_->row.data();
  for (int f = 0; f < fft.bins(); ++f)
    row[f] = {static_cast<float>(spectrum[f].real()), static_cast<float>(spectrum[f].imag())};
  return row;
}

ComplexSpectrogram stft(const float* samples, std::size_t count, const StftParams& params) {
  StftFrames frames(samples, count, params);
  ComplexSpectrogram out(frames.frames(), frames.bins());
  for (int t = 0; t < out.frames; ++t) {
    const std::complex<float>* row = frames.frame(t);
    std::copy(row, row + out.bins, out.frame(t));
  }
  return out;
}

struct InverseStft::Impl {
  Impl(int n_fft, int hop_length, int frames, std::size_t length, std::size_t expected)
      : fft(n_fft),
        window(hann_window(n_fft)),
        window_squared(window.size()),
        hop(hop_length),
        frames(frames),
        length(length),
        y(expected, 0.0f) {
    for (std::size_t k = 0; k < window.size(); ++k) window_squared[k] = window[k] * window[k];
  }

  // librosa's window_sumsquare at padded index j: the squared windows of the frames that cover
  // j added into a float32 in frame order, as its overlap-add does. Computed per sample instead
  // of stored: the same additions, without a second buffer the size of the signal.
  float window_sum(std::size_t j) const {
    const std::size_t n_fft = window.size(), step = static_cast<std::size_t>(hop);
    const std::size_t first = j < n_fft ? 0 : (j - n_fft) / step + 1;
    const std::size_t last = std::min(j / step, static_cast<std::size_t>(frames) - 1);
    float sum = 0.0f;
    for (std::size_t t = first; t <= last; ++t)
      sum = static_cast<float>(static_cast<double>(sum) + window_squared[j - t * step]);
    return sum;
  }

  RealFft fft;
  std::vector<double> window, window_squared;
  int hop, frames;
  std::size_t length;
  std::vector<float> y;
};

InverseStft::InverseStft(int frames, std::size_t length, const StftParams& params) {
  const int n_fft = params.n_fft, hop = params.hop_length;
  const long padded_length = static_cast<long>(length) + n_fft;
  frames_ = std::max<long>(0, std::min<long>(frames, (padded_length + hop - 1) / hop));
  const size_t expected =
      frames_ > 0 ? static_cast<size_t>(n_fft) + static_cast<size_t>(hop) * (frames_ - 1) : 0;
  impl_ = new Impl(n_fft, hop, frames_, length, expected);
}

InverseStft::~InverseStft() { delete impl_; }

std::complex<double>* InverseStft::frame_bins() { return impl_->fft.spectrum(); }

void InverseStft::add_frame(int t) {
  RealFft& fft = impl_->fft;
  const int n_fft = fft.size();
  std::complex<double>* bins = fft.spectrum();
  bins[0].imag(0.0);  // irfft ignores the imaginary parts of DC and Nyquist
  bins[fft.bins() - 1].imag(0.0);
  fft.inverse();
  const double* x = fft.signal();
  const double scale = 1.0 / n_fft;  // numpy.fft.irfft's 1/n
  const std::vector<double>& window = impl_->window;
  float* out = impl_->y.data() + static_cast<size_t>(t) * impl_->hop;
  for (int k = 0; k < n_fft; ++k)  // float32 buffer += float64 frame, rounded after every addition
    out[k] = static_cast<float>(static_cast<double>(out[k]) + window[k] * (x[k] * scale));
}

std::vector<float> InverseStft::finish() {
  // The centre padding is removed in place: sample i of the result is padded sample
  // j = start + i, divided by the window sum there where that is not tiny (zero past the end).
  std::vector<float>& y = impl_->y;
  const float tiny = std::numeric_limits<float>::min();
  const size_t n_fft = impl_->fft.size(), hop = impl_->hop, start = n_fft / 2;
  const size_t available = y.size() > start ? std::min(impl_->length, y.size() - start) : 0;
  // Where every frame that could cover j exists (n_fft - 1 <= j < frames * hop), the same
  // squared windows meet there in the same order for every j of one phase j % hop: one sum
  // per phase serves the whole middle of the signal.
  const size_t middle_begin = n_fft - 1, middle_end = static_cast<size_t>(frames_) * hop;
  const bool periodic = middle_end >= middle_begin + hop;
  std::vector<float> by_phase(periodic ? hop : 0);
  for (size_t j = middle_begin; j < middle_begin + by_phase.size(); ++j)
    by_phase[j % hop] = impl_->window_sum(j);
  size_t phase = start % hop;
  for (size_t i = 0; i < available; ++i) {
    const size_t j = start + i;
    const float sum =
        periodic && j >= middle_begin && j < middle_end ? by_phase[phase] : impl_->window_sum(j);
    y[i] = sum > tiny ? y[j] / sum : y[j];
    if (++phase == hop) phase = 0;
  }
  y.resize(available);
  y.resize(impl_->length, 0.0f);
  return std::move(y);
}

std::vector<float> istft(const ComplexSpectrogram& spectrum, std::size_t length,
                         const StftParams& params) {
  if (2 * (spectrum.bins - 1) != params.n_fft)
    throw std::invalid_argument("istft: " + std::to_string(spectrum.bins) +
                                " bins do not match n_fft " + std::to_string(params.n_fft));
  InverseStft inverse(spectrum.frames, length, params);
  for (int t = 0; t < inverse.frames(); ++t) {
    std::complex<double>* bins = inverse.frame_bins();
    const std::complex<float>* row = spectrum.frame(t);
    for (int f = 0; f < spectrum.bins; ++f) bins[f] = {row[f].real(), row[f].imag()};
    inverse.add_frame(t);
  }
  return inverse.finish();
}

namespace {

// numpy's abs is hypotf; glibc's hypotf (2.35+) is sqrt of x*x + y*y in double for finite x,
// y, written out here so that it inlines and vectorises (bit for bit the same: 2e8 random
// pairs, every exponent). Non-finite inputs (a NaN or inf result) go to std::hypot.
void magnitudes(const std::complex<float>* in, float* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double re = in[i].real(), im = in[i].imag();
    out[i] = static_cast<float>(std::sqrt(re * re + im * im));
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(out[i])) out[i] = std::hypot(in[i].real(), in[i].imag());
}

}  // namespace

Spectrogram magnitude(const ComplexSpectrogram& spectrum) {
  Spectrogram out(spectrum.frames, spectrum.bins);
  magnitudes(spectrum.values.data(), out.values.data(), spectrum.values.size());
  return out;
}

Spectrogram stft_magnitude(const float* samples, std::size_t count, const StftParams& params) {
  StftFrames frames(samples, count, params);
  Spectrogram out(frames.frames(), frames.bins());
  for (int t = 0; t < out.frames; ++t) magnitudes(frames.frame(t), out.frame(t), out.bins);
  return out;
}

Spectrogram power(const Spectrogram& magnitude) {
  Spectrogram out = magnitude;
  for (float& v : out.values) v = v * v;
  return out;
}

}  // namespace cadenza::dsp
