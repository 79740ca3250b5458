#pragma once
// Filter banks of librosa.filters: mel (Slaney scale and area normalisation, htk=False) and
// chroma (Ellis' Gaussian chroma bumps, octave weighting around C5, starting at C), both
// returned as float32 weights over the n_fft / 2 + 1 STFT bins.
#include <vector>

namespace cadenza::dsp {

// A row of weights that is zero outside [first, first + weights.size()).
struct FilterRow {
  int first = 0;
  std::vector<float> weights;
};

// librosa.filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2, norm='slaney').
std::vector<FilterRow> mel_filterbank(double sample_rate, int n_fft, int n_mels = 128,
                                      double fmin = 0.0, double fmax = -1.0);

// librosa.filters.chroma(sr, n_fft, n_chroma, tuning): n_chroma rows of n_fft / 2 + 1 weights.
std::vector<std::vector<float>> chroma_filterbank(double sample_rate, int n_fft,
                                                  double tuning = 0.0, int n_chroma = 12);

}  // namespace cadenza::dsp
