#pragma once
// Unit conversions of librosa.core.convert (Slaney mel scale, octaves, decibels).
#include <vector>

namespace cadenza::dsp {

double hz_to_mel(double hz);  // Slaney: linear below 1 kHz, logarithmic above
double mel_to_hz(double mel);

// librosa.fft_frequencies: n_fft / 2 + 1 bin centres, linspace(0, sr / 2).
std::vector<double> fft_frequencies(double sample_rate, int n_fft);

// librosa.mel_frequencies(n, fmin, fmax, htk=False).
std::vector<double> mel_frequencies(int count, double fmin, double fmax);

// librosa.power_to_db(S, ref, amin=1e-10, top_db) in float32, in place over all values:
// 10 log10(max(amin, S)) - 10 log10(max(amin, ref)), floored at (max - top_db) if top_db > 0.
void power_to_db(std::vector<float>& values, double ref = 1.0, double top_db = 80.0);

}  // namespace cadenza::dsp
