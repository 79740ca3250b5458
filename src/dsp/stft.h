#pragma once
// librosa 0.9.2 stft / istft with its defaults: Hann window, centred frames with zero padding
// (pad_mode='constant'), float32 input, complex64 output. The FFT runs in double precision and
// each bin is rounded to complex64, as numpy.fft + librosa's complex64 output buffer do.
#include <complex>
#include <cstddef>
#include <vector>

#include "dsp/spectrogram.h"

namespace cadenza::dsp {

struct StftParams {
  int n_fft = 2048;
  int hop_length = 512;
};

// Number of centred frames librosa produces for n samples: 1 + n / hop.
int frame_count(std::size_t samples, int hop_length);

ComplexSpectrogram stft(const float* samples, std::size_t count, const StftParams& params = {});

// stft() one frame at a time, for callers that need each frame's spectrum once and should not
// hold all of them (10.6 MB for 30 s; a new process pays for every fresh page it touches).
// frame(t) gives exactly the values of stft(...).frame(t), for any order of t. samples must
// outlive the object.
class StftFrames {
 public:
  StftFrames(const float* samples, std::size_t count, const StftParams& params = {});
  ~StftFrames();
  StftFrames(const StftFrames&) = delete;
  StftFrames& operator=(const StftFrames&) = delete;

  int frames() const { return frames_; }
  int bins() const { return params_.n_fft / 2 + 1; }
  const std::complex<float>* frame(int t);  // bins() values, valid until the next call

 private:
  struct Impl;
  Impl* impl_;
  StftParams params_;
  int frames_;
};

// magnitude(stft(samples, count)), bit for bit, without storing the complex spectrogram.
Spectrogram stft_magnitude(const float* samples, std::size_t count, const StftParams& params = {});

// librosa.istft(D, length=length, dtype=float32): windowed overlap-add in float32, divided by
// the summed squared window where it is not tiny, centre padding removed.
std::vector<float> istft(const ComplexSpectrogram& spectrum, std::size_t length,
                         const StftParams& params = {});

// librosa.istft built frame by frame, for callers that produce the spectrum on the fly
// (HPSS masks): write frame_bins(), then add_frame(t) for t = 0, 1, ... in order; finish(),
// once, divides by the summed squared window and removes the centre padding.
class InverseStft {
 public:
  InverseStft(int frames, std::size_t length, const StftParams& params = {});
  ~InverseStft();
  InverseStft(const InverseStft&) = delete;
  InverseStft& operator=(const InverseStft&) = delete;

  int frames() const { return frames_; }  // frames that contribute (librosa trims to length)
  std::complex<double>* frame_bins();     // n_fft / 2 + 1 bins of the next frame
  void add_frame(int t);
  std::vector<float> finish();

 private:
  struct Impl;
  Impl* impl_;
  int frames_;
};

// |X| per bin as numpy computes np.abs on complex64 (hypotf), and its square in float32.
Spectrogram magnitude(const ComplexSpectrogram& spectrum);
Spectrogram power(const Spectrogram& magnitude);

}  // namespace cadenza::dsp
