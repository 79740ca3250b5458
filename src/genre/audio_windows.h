#pragma once
// Cutting a piece (mono, 22,050 Hz) into the windows a classifier was trained on.
//
// The rule, for a piece of N samples and a model trained on S-second segments:
// - 3 s models: consecutive windows of 66,149 samples (the Kaggle 3 s window), a shorter tail
//   is dropped, exactly as the Kaggle features_3_sec.csv was made (a GTZAN clip of 661,794
//   samples gives 10 windows).
// - 30 s models: consecutive windows of 661,500 samples (30 s), a shorter tail is dropped,
//   except that a tail under 1 s (22,050 samples) is kept in the last window. GTZAN's "30 s"
//   clips are 660,000 to 675,808 samples (29.9-30.65 s), and the features_30_sec.csv row of a
//   clip describes the whole clip: so every GTZAN clip is one window, the whole clip, and its
//   features equal its CSV row.
// - A piece shorter than one window is used whole, as one window (the model then sees a
//   shorter segment than it was trained on); under 2,048 samples (one STFT frame) it cannot
//   be used at all.
#include <cstddef>
#include <vector>

#include "common/gtzan.h"

namespace cadenza::genre {

inline constexpr std::size_t kTailKeptSamples = gtzan::kSampleRate;  // 30 s models: under 1 s

struct WindowRange {
  std::size_t start = 0, length = 0;
  bool operator==(const WindowRange& o) const { return start == o.start && length == o.length; }
};

// Samples per window for a model of `segment_seconds` (3 or 30); std::invalid_argument else.
std::size_t window_samples(int segment_seconds);

// The windows of a piece of `samples` samples (see the rule above). Throws
// std::invalid_argument for fewer than 2,048 samples or a segment length other than 3 or 30.
std::vector<WindowRange> window_ranges(std::size_t samples, int segment_seconds);

// The samples of each window of window_ranges(samples.size(), segment_seconds).
std::vector<std::vector<float>> cut_windows(const std::vector<float>& samples, int segment_seconds);

}  // namespace cadenza::genre
