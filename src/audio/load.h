#pragma once
// Audio decoding as librosa.load does it: libsndfile's float samples (16-bit PCM / 32768),
// the mean of the channels, then resampling to the target rate (libsoxr, high quality) when
// the file's rate differs. librosa resamples with resampy's kaiser_best instead, so resampled
// files agree with librosa only approximately; files already at the target rate match exactly.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

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
Audio load_mono(const std::filesystem::path& path, int target_rate = 22050);

// Resamples mono samples with libsoxr (HQ recipe); returns the input when the rates agree.
std::vector<float> resample(const std::vector<float>& samples, int from_rate, int to_rate);

}  // namespace cadenza::audio
