#pragma once
// librosa.feature.spectral_contrast with its defaults (6 octave bands from 200 Hz plus the
// rest, quantile 0.02): dB difference between the peak and valley mean of each sub-band.
#include "dsp/spectrogram.h"

namespace cadenza::features {

constexpr int kContrastBands = 6;

// result[frame][band], kContrastBands + 1 bands.
dsp::Spectrogram spectral_contrast(const dsp::Spectrogram& magnitude, double sample_rate,
                                   double fmin = 200.0, double quantile = 0.02);

}  // namespace cadenza::features
