#pragma once
// The GTZAN data set's constants, in one place for every module that reads or makes GTZAN-like
// data (features, classify, cnn, genre): its sample rate, its clip and window lengths, the 57
// feature columns of the Kaggle CSVs and its ten genres. Header only, so that modules that do
// not depend on each other (features and classify) share it.
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace cadenza::gtzan {

// What GTZAN audio is (and what every other audio is resampled to): 22,050 Hz mono.
inline constexpr int kSampleRate = 22050;
// The Kaggle features_3_sec.csv window: 66,149 samples (3.0 s).
inline constexpr std::size_t kThreeSecondSamples = 66149;
// A typical GTZAN "30 s" clip (most are 661,794 samples; they range over 660,000-675,808).
inline constexpr std::size_t kClipSamples = 661794;

// Samples of a segment of `seconds` seconds: the Kaggle 66,149 for 3 s, else
// round(seconds x 22,050) (30 s: 661,500). Callers check that `seconds` is one they accept.
inline std::size_t segment_samples(double seconds) {
  if (seconds == 3) return kThreeSecondSamples;
  return static_cast<std::size_t>(std::lround(seconds * kSampleRate));
}

// The 57 feature columns of the Kaggle CSVs (features_30_sec.csv, features_3_sec.csv), in their
// order: mean and variance of 8 features, the tempo, and mean and variance of 20 MFCCs.
inline constexpr std::size_t kFeatureColumnCount = 57;
inline const std::vector<std::string>& feature_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> out;
    for (const char* name : {"chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth",
                             "rolloff", "zero_crossing_rate", "harmony", "perceptr"}) {
      out.push_back(std::string(name) + "_mean");
      out.push_back(std::string(name) + "_var");
    }
    out.push_back("tempo");
    for (int i = 1; i <= 20; ++i) {
      out.push_back("mfcc" + std::to_string(i) + "_mean");
      out.push_back("mfcc" + std::to_string(i) + "_var");
    }
    return out;
  }();
  return columns;
}

// blues classical country disco hiphop jazz metal pop reggae rock
inline const std::vector<std::string>& genres() {
  static const std::vector<std::string> names{"blues", "classical", "country", "disco",  "hiphop",
                                              "jazz",  "metal",     "pop",     "reggae", "rock"};
  return names;
}

}  // namespace cadenza::gtzan
