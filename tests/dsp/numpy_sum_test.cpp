#include "dsp/numpy_sum.h"

#include <gtest/gtest.h>

#include <vector>

#include "dsp/convert.h"

using namespace cadenza::dsp;

TEST(NumpySum, MeanAndPopulationVariance) {
  const std::vector<float> x = {1, 2, 3, 4};
  EXPECT_FLOAT_EQ(numpy_mean(x.data(), x.size()), 2.5f);
  EXPECT_FLOAT_EQ(numpy_var(x.data(), x.size()), 1.25f);  // ddof = 0
}

TEST(NumpySum, PairwiseIsMoreAccurateThanSequentialInFloat32) {
  // 2^24 + 1 is not representable: a sequential float32 sum of 2^24 + 16 ones sticks at 2^24.
  std::vector<float> ones((1 << 24) + 16, 1.0f);
  EXPECT_EQ(numpy_sum(ones.data(), ones.size()), static_cast<float>((1 << 24) + 16));
}

TEST(Convert, SlaneyMelScale) {
  EXPECT_DOUBLE_EQ(hz_to_mel(1000.0), 15.0);
  EXPECT_NEAR(hz_to_mel(200.0), 3.0, 1e-12);
  EXPECT_NEAR(mel_to_hz(hz_to_mel(4321.0)), 4321.0, 1e-9);
  const std::vector<double> f = fft_frequencies(22050, 2048);
  ASSERT_EQ(f.size(), 1025u);
  EXPECT_DOUBLE_EQ(f[1], 22050.0 / 2048);
  EXPECT_DOUBLE_EQ(f[1024], 11025.0);
}

TEST(Convert, PowerToDbFloorsAtTopDb) {
  std::vector<float> s = {1.0f, 0.1f, 1e-12f, 0.0f};
  power_to_db(s, 1.0, 80.0);
  EXPECT_FLOAT_EQ(s[0], 0.0f);
  EXPECT_FLOAT_EQ(s[1], -10.0f);
  EXPECT_FLOAT_EQ(s[2], -80.0f);  // -100 dB (amin) floored at max - 80
  EXPECT_FLOAT_EQ(s[3], -80.0f);
}
