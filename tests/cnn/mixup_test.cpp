// Mixup on known inputs: the blend of a batch with its partners and the two-label loss.
#include <gtest/gtest.h>

#include <cmath>

#include "cnn/mixup.h"

using namespace cadenza::cnn;

TEST(CnnAugment, MixupBlendsImagesAndLabelsOnKnownValues) {
  // Three 1 x 1 x 2 "images"; partners: 0 <- 2, 1 <- 0, 2 <- 1.
  const torch::Tensor x =
      torch::tensor({1.0f, 2.0f, 10.0f, 20.0f, 100.0f, 200.0f}).view({3, 1, 1, 2});
  const torch::Tensor partner = torch::tensor(std::vector<std::int64_t>{2, 0, 1});
  const torch::Tensor mixed = mix_inputs(x, partner, 0.25).contiguous();
  const std::vector<float> expected = {0.25f * 1 + 0.75f * 100,  0.25f * 2 + 0.75f * 200,
                                       0.25f * 10 + 0.75f * 1,   0.25f * 20 + 0.75f * 2,
                                       0.25f * 100 + 0.75f * 10, 0.25f * 200 + 0.75f * 20};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(mixed.view(-1)[i].item<float>(), expected[i]);

  // Two classes; rows p = (1/4, 3/4), (3/4, 1/4), (1/2, 1/2); labels y = 0, 1, 1, so the
  // partners' labels y[partner] = 1, 0, 1.
  const torch::Tensor logits =
      torch::tensor({0.0, std::log(3.0), std::log(3.0), 0.0, 0.0, 0.0}, torch::kFloat64)
          .view({3, 2});
  const torch::Tensor y = torch::tensor(std::vector<std::int64_t>{0, 1, 1});
  const double ce_own = (std::log(4.0) + std::log(4.0) + std::log(2.0)) / 3;
  const double ce_partner = (std::log(4.0 / 3.0) + std::log(4.0 / 3.0) + std::log(2.0)) / 3;
  EXPECT_NEAR(mixup_loss(logits, y, partner, 1.0).item<double>(), ce_own, 1e-12);
  EXPECT_NEAR(mixup_loss(logits, y, partner, 0.0).item<double>(), ce_partner, 1e-12);
  EXPECT_NEAR(mixup_loss(logits, y, partner, 0.25).item<double>(),
              0.25 * ce_own + 0.75 * ce_partner, 1e-12);
}
