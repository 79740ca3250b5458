#pragma once
// Log-mel spectrograms for the paper's CNNs, and its three augmentations.
// librosa equivalent: power_to_db(melspectrogram(y, sr=22050), ref=np.max), i.e. 128 Slaney
// mel bands of the power STFT (n_fft 2048, hop 512), in dB below the loudest value, floored
// at -80 dB.
#include <cstdint>
#include <vector>

#include "dsp/spectrogram.h"

namespace cadenza::features {

// values[band * frames + frame] (band-major, as librosa's (n_mels, t) array), in dB.
struct LogMel {
  int bands = 0;
  int frames = 0;
  std::vector<float> values;
  float& at(int band, int frame) { return values[static_cast<size_t>(band) * frames + frame]; }
  float at(int band, int frame) const { return values[static_cast<size_t>(band) * frames + frame]; }
};

LogMel log_mel_spectrogram(const float* samples, std::size_t count, int n_mels = 128);

struct AugmentParams {
  int max_freq_mask = 24;  // bands: width uniform in [1, max]
  int max_time_mask = 80;  // frames: width uniform in [1, min(max, frames / 4)]
  double noise_std = 0.3;  // in units of the spectrogram's own standard deviation
};

// SpecAugment-style masks: a random run of bands (or frames) set to the spectrogram's minimum.
LogMel frequency_mask(const LogMel& mel, std::uint64_t seed, const AugmentParams& params = {});
LogMel time_mask(const LogMel& mel, std::uint64_t seed, const AugmentParams& params = {});
// Additive Gaussian noise, mean 0, std noise_std x std(mel): std 0.3 on the standardised image.
LogMel gaussian_noise(const LogMel& mel, std::uint64_t seed, const AugmentParams& params = {});

}  // namespace cadenza::features
