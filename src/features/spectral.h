#pragma once
// librosa 0.9.2's frame-wise spectral features (librosa.feature.spectral) with default
// parameters, computed from a shared STFT: every function takes the float32 magnitude (or
// power) spectrogram of dsp::stft, frame by frame, and returns one value per frame.
#include <cstddef>
#include <vector>

#include "dsp/filters.h"
#include "dsp/spectrogram.h"

namespace cadenza::features {

using dsp::Spectrogram;

// sum_f freq * S / sum_f S per frame (0 for a silent frame).
std::vector<double> spectral_centroid(const Spectrogram& magnitude, double sample_rate);

// sqrt(sum_f S_norm * (freq - centroid)^2) per frame (p = 2, normalised S).
std::vector<double> spectral_bandwidth(const Spectrogram& magnitude,
                                       const std::vector<double>& centroid, double sample_rate);

// Frequency of the first bin where the float32 cumulative energy reaches roll_percent of the
// frame's total.
std::vector<double> spectral_rolloff(const Spectrogram& magnitude, double sample_rate,
                                     double roll_percent = 0.85);

// Geometric over arithmetic mean of max(amin, S^2) per frame (librosa.feature.spectral_flatness).
std::vector<float> spectral_flatness(const Spectrogram& magnitude);

// Root mean square of centred, zero-padded frames of the waveform (float32, as librosa.rms).
std::vector<float> rms(const float* samples, std::size_t count, int frame_length = 2048,
                       int hop_length = 512);

// Fraction of sign changes per centred (edge-padded) frame; |y| <= 1e-10 counts as +0.
std::vector<double> zero_crossing_rate(const float* samples, std::size_t count,
                                       int frame_length = 2048, int hop_length = 512);

// Mel power spectrogram: mel[frame][band] = sum_f weights[band][f] * power[frame][f].
Spectrogram melspectrogram(const Spectrogram& power, const std::vector<dsp::FilterRow>& mel_basis);

// librosa.feature.mfcc: DCT-II (orthonormal) of power_to_db(mel power, ref=1, top_db=80),
// n_mfcc coefficients per frame: result[frame][coefficient].
Spectrogram mfcc(const Spectrogram& mel_power, int n_mfcc = 20);

// librosa.estimate_tuning(S=power) with piptrack's defaults (150-4000 Hz, threshold 0.1) and
// a 0.01-bin resolution: the tuning offset in fractions of a chroma bin, in [-0.5, 0.5).
double estimate_tuning(const Spectrogram& power, double sample_rate, int bins_per_octave = 12);

// librosa.feature.chroma_stft from a power spectrogram (tuning estimated when tuning is NaN):
// result[frame][chroma], each frame divided by its maximum.
Spectrogram chroma_stft(const Spectrogram& power, double sample_rate, double tuning,
                        int n_chroma = 12);

}  // namespace cadenza::features
