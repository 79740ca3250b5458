// librosa.to_mono is np.mean over the channels: numpy's pairwise float32 sum, whose order
// shows in the last bit. Values chosen so that another order gives another float.
#include "audio/downmix.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "audio/load.h"

namespace {
const float kTiny = std::ldexp(1.0f, -24);  // half an ulp of 1: 1 + kTiny rounds to 1
}

TEST(Downmix, FewChannelsAddInOrder) {
  // (1 + t) + t = 1, while (t + t) + 1 = 1 + 2^-23 (what numpy gives for [t, t, 1])
  const float first[] = {1.0f, kTiny, kTiny};
  const float last[] = {kTiny, kTiny, 1.0f};
  EXPECT_EQ(cadenza::audio::channel_mean(first, 3), 1.0f / 3.0f);
  EXPECT_EQ(cadenza::audio::channel_mean(last, 3), (1.0f + 2 * kTiny) / 3.0f);
  const float stereo[] = {0.5f, -0.25f};
  EXPECT_EQ(cadenza::audio::channel_mean(stereo, 2), 0.125f);
}

TEST(Downmix, EightChannelsAndMoreAddPairwise) {
  // numpy: ((1 + t) + (t + t)) + ((t + t) + (t + t)) = (1 + 2^-23) + 2^-22; one by one: 1
  const float eight[] = {1.0f, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny};
  const float pairwise = 1.0f + 3 * std::ldexp(1.0f, -23);
  EXPECT_EQ(cadenza::audio::numpy_pairwise_sum(eight, 8), pairwise);
  EXPECT_EQ(cadenza::audio::channel_mean(eight, 8), pairwise / 8.0f);
  // nine: the eight sums, then the ninth added last
  const float nine[] = {1.0f, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny, 4.0f};
  EXPECT_EQ(cadenza::audio::numpy_pairwise_sum(nine, 9), pairwise + 4.0f);
}

TEST(Downmix, LoadMonoAveragesEightFloatChannelsAsNumpy) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "cadenza_downmix_8ch.wav";
  SF_INFO info{};
  info.channels = 8;
  info.samplerate = 22050;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr);
  const float frame[] = {1.0f, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny, kTiny};
  sf_writef_float(file, frame, 1);
  sf_close(file);
  const auto audio = cadenza::audio::load_mono(path);
  std::filesystem::remove(path);
  ASSERT_EQ(audio.samples.size(), 1u);
  EXPECT_EQ(audio.samples[0], (1.0f + 3 * std::ldexp(1.0f, -23)) / 8.0f);
}
