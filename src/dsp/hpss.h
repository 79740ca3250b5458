#pragma once
// Harmonic/percussive separation of librosa 0.9.2 (decompose.hpss with kernel_size 31,
// power 2, margin 1, and effects.hpss on waveforms): median filters of the magnitude across
// time (harmonic) and across frequency (percussive), Wiener-style soft masks in float32,
// then the masked complex spectrogram keeps the original phase.
#include <cstddef>
#include <vector>

#include "dsp/spectrogram.h"

namespace cadenza::dsp {

struct HpssParams {
  int kernel_size = 31;
  double power = 2.0;
};

struct HpssSpectra {
  ComplexSpectrogram harmonic, percussive;
};

// magnitude must be dsp::magnitude(spectrum); it is passed in because callers already have it.
HpssSpectra hpss(const ComplexSpectrogram& spectrum, const Spectrogram& magnitude,
                 const HpssParams& params = {});

struct HpssWaves {
  std::vector<float> harmonic, percussive;
};

// librosa.effects.hpss(y): the two spectra inverted back to waveforms of y's length. spectrum
// must be stft(y, length). Only the harmonic spectrum is inverted; percussive = y - harmonic,
// which equals librosa's inverted percussive spectrum up to float32 rounding at y's scale.
HpssWaves hpss_waves(const ComplexSpectrogram& spectrum, const Spectrogram& magnitude,
                     const float* y, std::size_t length, const HpssParams& params = {});

}  // namespace cadenza::dsp
