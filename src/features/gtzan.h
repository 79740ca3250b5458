#pragma once
// The GTZAN feature row (the Kaggle "features_30_sec.csv" / "features_3_sec.csv" layout) as
// librosa 0.9.2 computes it: length, mean and np.var of chroma_stft, rms, spectral centroid,
// bandwidth, rolloff, zero-crossing rate, the harmonic and percussive waveforms of
// effects.hpss, the beat_track tempo, and 20 MFCCs; optionally the extra columns of the
// paper's Spotify-like set (spectral flatness, spectral contrast, onset strength).
#include <cstddef>
#include <string>
#include <vector>

#include "common/gtzan.h"  // the sample rate and window lengths

namespace cadenza::features {

constexpr std::size_t kMinimumSamples = 2048;  // one STFT window

// Numeric column names in CSV order (without "filename" and "label"): "length", then
// gtzan::feature_columns(), then the extra columns when asked for.
std::vector<std::string> gtzan_value_columns(bool extra = false);

// The values of one row for the mono 22,050 Hz signal y[0..count), in gtzan_value_columns()
// order. Throws std::invalid_argument when count < kMinimumSamples.
std::vector<double> gtzan_values(const float* samples, std::size_t count, bool extra = false);

// Per-feature seconds of the last gtzan_values call on this thread (for benchmarks).
struct FeatureTimings {
  double stft = 0, chroma = 0, rms_zcr = 0, spectral = 0, hpss = 0, mel_mfcc = 0, tempo = 0,
         extra = 0;
};
const FeatureTimings& last_feature_timings();

}  // namespace cadenza::features
