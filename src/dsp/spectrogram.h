#pragma once
// Time-frequency matrices stored frame by frame: values[frame * bins + bin]. librosa keeps its
// STFT in Fortran order (frequency fastest), which is this layout.
#include <complex>
#include <vector>

namespace cadenza::dsp {

template <typename T>
struct FrameMatrix {
  int frames = 0;
  int bins = 0;
  std::vector<T> values;

  FrameMatrix() = default;
  FrameMatrix(int frame_count, int bin_count, T fill = T())
      : frames(frame_count),
        bins(bin_count),
        values(static_cast<size_t>(frame_count) * bin_count, fill) {}
  T* frame(int t) { return values.data() + static_cast<size_t>(t) * bins; }
  const T* frame(int t) const { return values.data() + static_cast<size_t>(t) * bins; }
  T& at(int t, int f) { return values[static_cast<size_t>(t) * bins + f]; }
  const T& at(int t, int f) const { return values[static_cast<size_t>(t) * bins + f]; }
};

using ComplexSpectrogram = FrameMatrix<std::complex<float>>;  // complex64, as librosa.stft
using Spectrogram = FrameMatrix<float>;                       // float32 magnitudes or powers

}  // namespace cadenza::dsp
