#pragma once
// librosa 0.9.2's onset strength and tempo estimate (librosa.onset.onset_strength,
// librosa.beat.tempo / beat_track's bpm) from a mel power spectrogram.
#include <vector>

#include "dsp/spectrogram.h"

namespace cadenza::features {

enum class Aggregate { kMean, kMedian };

// Spectral flux of the dB mel spectrogram (power_to_db, ref 1, top_db 80): positive first
// differences (lag 1), aggregated over bands, shifted by lag + n_fft / (2 hop) = 3 frames so
// that it is centred, one value per STFT frame. beat_track uses the median, the default the mean.
std::vector<float> onset_strength(const dsp::Spectrogram& mel_power, Aggregate aggregate,
                                  int n_fft = 2048, int hop_length = 512);

struct TempoParams {
  double start_bpm = 120.0;
  double std_bpm = 1.0;
  double ac_size = 8.0;  // seconds of autocorrelation window
  double max_tempo = 320.0;
};

// librosa.beat.tempo: mean autocorrelation tempogram weighted by a log-normal prior around
// start_bpm; 0 when the onset envelope is all zeros (as beat_track returns).
double tempo(const std::vector<float>& onset_envelope, double sample_rate, int hop_length = 512,
             const TempoParams& params = {});

// librosa.beat.beat_track(y, sr)[0]: the tempo of the median-aggregated onset envelope.
double beat_track_tempo(const dsp::Spectrogram& mel_power, double sample_rate);

}  // namespace cadenza::features
