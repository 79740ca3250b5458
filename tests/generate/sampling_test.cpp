// Sampling distributions computed by hand, and seeded reproducibility.
#include "generate/sampling.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cadenza::generate {
namespace {

// Probabilities 1/6, 2/6, 3/6 at temperature 1.
const std::vector<float> kLogits = {0.0f, static_cast<float>(std::log(2.0)),
                                    static_cast<float>(std::log(3.0))};

void expect_probs(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-6) << "index " << i;
}

TEST(Sampling, TemperatureOneIsSoftmax) {
  SamplingOptions o;
  o.temperature = 1;
  expect_probs(sampling_distribution(kLogits, o), {1.0 / 6, 2.0 / 6, 3.0 / 6});
}

TEST(Sampling, TemperatureSharpens) {
  SamplingOptions o;
  o.temperature = 0.5;  // probabilities squared: 1, 4, 9 over 14
  expect_probs(sampling_distribution(kLogits, o), {1.0 / 14, 4.0 / 14, 9.0 / 14});
  o.temperature = 0;  // argmax
  expect_probs(sampling_distribution(kLogits, o), {0, 0, 1});
  expect_probs(sampling_distribution({2.0f, 2.0f, 1.0f}, o), {1, 0, 0});  // first of a tie
}

TEST(Sampling, TopKAndTopP) {
  SamplingOptions o;
  o.temperature = 1;
  o.top_k = 2;
  expect_probs(sampling_distribution(kLogits, o), {0, 2.0 / 5, 3.0 / 5});
  o.top_k = 0;
  o.top_p = 0.5;  // the top token alone reaches 0.5
  expect_probs(sampling_distribution(kLogits, o), {0, 0, 1});
  o.top_p = 0.6;
  expect_probs(sampling_distribution(kLogits, o), {0, 2.0 / 5, 3.0 / 5});
  o.top_k = 1;
  expect_probs(sampling_distribution(kLogits, o), {0, 0, 1});
}

TEST(Sampling, BadOptionsAreRejected) {
  SamplingOptions o;
  o.temperature = -1;
  EXPECT_THROW(sampling_distribution(kLogits, o), std::invalid_argument);
  o = {};
  o.top_p = 0;
  EXPECT_THROW(sampling_distribution(kLogits, o), std::invalid_argument);
  o = {};
  o.top_k = -2;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  EXPECT_THROW(sampling_distribution({}, SamplingOptions{}), std::invalid_argument);
}

TEST(Sampler, UniformComesFromTheTop53Bits) {
  // mt19937_64's first output for seed 5489 is 14514284786278117030.
  Sampler sampler(5489);
  EXPECT_DOUBLE_EQ(sampler.uniform(), 7087053118299861.0 * std::ldexp(1.0, -53));
}

TEST(Sampler, SameSeedSameTokensAndFrequenciesFollowTheDistribution) {
  SamplingOptions o;
  o.temperature = 1;
  Sampler a(7), b(7);
  std::vector<int> counts(3, 0);
  for (int i = 0; i < 60000; ++i) {
    const auto x = a.sample(kLogits, o);
    ASSERT_EQ(x, b.sample(kLogits, o));
    ++counts[x];
  }
  EXPECT_NEAR(counts[0] / 60000.0, 1.0 / 6, 0.01);
  EXPECT_NEAR(counts[1] / 60000.0, 2.0 / 6, 0.01);
  EXPECT_NEAR(counts[2] / 60000.0, 3.0 / 6, 0.01);
}

TEST(Sampler, BelowAndGaussian) {
  Sampler s(3);
  double sum = 0, squares = 0;
  for (int i = 0; i < 20000; ++i) {
    EXPECT_LT(s.below(7), 7u);
    const double g = s.gaussian();
    sum += g;
    squares += g * g;
  }
  EXPECT_NEAR(sum / 20000, 0.0, 0.03);
  EXPECT_NEAR(squares / 20000, 1.0, 0.05);
  EXPECT_THROW(s.below(0), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::generate
