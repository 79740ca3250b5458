#pragma once
// Audio decoding as librosa.load does it: libsndfile's float samples (16-bit PCM / 32768),
// the mean of the channels (float32, as librosa.to_mono), then resampling to the target rate
// when the file's rate differs (resample.h: resampy's kaiser_best, librosa's default).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "audio/resample.h"

namespace cadenza::audio {

// Thrown for unreadable, empty, corrupt or unsupported files; the message names the file.
class AudioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Audio {
  std::vector<float> samples;  // mono
  int sample_rate = 0;
};

// Decodes `path` to mono float samples at `target_rate` Hz (0 keeps the file's rate).
Audio load_mono(const std::filesystem::path& path, int target_rate = 22050,
                Resampler resampler = Resampler::kKaiserBest);

}  // namespace cadenza::audio
