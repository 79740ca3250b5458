#pragma once
// librosa.to_mono: np.mean over the channels of float32 frames. numpy sums the channels of a
// frame with its pairwise float32 summation (in order below 8 channels, eight running sums
// from 8 on), then divides by their count in float32; this does the same, so files with any
// number of channels give librosa's samples bit for bit.
namespace cadenza::audio {

// numpy.add.reduce of `count` float32 values `stride` apart (numpy's pairwise_sum).
float numpy_pairwise_sum(const float* values, long count, long stride = 1);

// The mean of one interleaved frame of `channels` samples, as np.mean(y, axis=0).
inline float channel_mean(const float* frame, int channels) {
  if (channels == 1) return frame[0];
  return numpy_pairwise_sum(frame, channels) / static_cast<float>(channels);
}

}  // namespace cadenza::audio
