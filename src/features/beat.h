#pragma once
// librosa.beat.beat_track (0.9.2, tightness 100, trim=True): the tempo estimate, then Ellis'
// dynamic-programming beat tracker over the median-aggregated onset envelope.
#include <vector>

#include "dsp/spectrogram.h"

namespace cadenza::features {

struct BeatTrack {
  double tempo = 0.0;      // BPM (0 for an empty onset envelope)
  std::vector<int> beats;  // frame indices (hop 512), ascending
};

// From an onset envelope and its tempo (frames per second = sample_rate / hop_length).
std::vector<int> track_beats(const std::vector<float>& onset_envelope, double bpm,
                             double frames_per_second, double tightness = 100.0, bool trim = true);

// librosa.beat.beat_track(y, sr) from the mel power spectrogram of y.
BeatTrack beat_track(const dsp::Spectrogram& mel_power, double sample_rate, int hop_length = 512);

}  // namespace cadenza::features
