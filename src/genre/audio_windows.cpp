#include "genre/audio_windows.h"

#include <stdexcept>
#include <string>

#include "features/gtzan.h"

namespace cadenza::genre {

std::size_t window_samples(int segment_seconds) {
  if (segment_seconds == 3 || segment_seconds == 30) return gtzan::segment_samples(segment_seconds);
  throw std::invalid_argument("segment length " + std::to_string(segment_seconds) +
                              " s: expected 3 or 30");
}

std::vector<WindowRange> window_ranges(std::size_t samples, int segment_seconds) {
  const std::size_t window = window_samples(segment_seconds);
  if (samples < features::kMinimumSamples)
    throw std::invalid_argument("too short: " + std::to_string(samples) + " samples (" +
                                std::to_string(static_cast<double>(samples) / gtzan::kSampleRate) +
                                " s), at least " + std::to_string(features::kMinimumSamples) +
                                " are needed");
  const std::size_t count = samples / window;
  if (count == 0) return {{0, samples}};
  std::vector<WindowRange> ranges;
  for (std::size_t k = 0; k < count; ++k) ranges.push_back({k * window, window});
  const std::size_t tail = samples - count * window;
  if (segment_seconds == 30 && tail < kTailKeptSamples) ranges.back().length += tail;
  return ranges;
}

std::vector<std::vector<float>> cut_windows(const std::vector<float>& samples,
                                            int segment_seconds) {
  std::vector<std::vector<float>> windows;
  for (const WindowRange& r : window_ranges(samples.size(), segment_seconds))
    windows.emplace_back(samples.begin() + static_cast<std::ptrdiff_t>(r.start),
                         samples.begin() + static_cast<std::ptrdiff_t>(r.start + r.length));
  return windows;
}

}  // namespace cadenza::genre
