#include <gtest/gtest.h>

#include <cmath>

#include "model/vae_model.h"

namespace cadenza::model {
namespace {

TEST(Loss, KlDivergenceMatchesHandComputedValue) {
  // mu = (1, 0), logvar = (0, ln 2): -0.5 * ((1 + 0 - 1 - 1) + (1 + ln2 - 0 - 2)) = 1 - ln2 / 2
  torch::Tensor mu = torch::tensor({{1.0f, 0.0f}, {0.0f, 0.0f}});
  torch::Tensor logvar = torch::tensor({{0.0f, static_cast<float>(std::log(2.0))}, {0.0f, 0.0f}});
  torch::Tensor kl = kl_divergence(mu, logvar);
  ASSERT_EQ(kl.size(0), 2);
  EXPECT_NEAR(kl[0].item<double>(), 1.0 - std::log(2.0) / 2.0, 1e-6);
  EXPECT_NEAR(kl[1].item<double>(), 0.0, 1e-7);  // the posterior equals the prior
  // Per-position latents [B, L, D] sum over positions too.
  EXPECT_NEAR(kl_divergence(mu.unsqueeze(0), logvar.unsqueeze(0))[0].item<double>(),
              1.0 - std::log(2.0) / 2.0, 1e-6);
}

TEST(Loss, TotalIsCrossEntropyPlusWeightedFreeBitsKl) {
  VaeOutput out;
  out.logits = torch::tensor({{0.0f, 0.0f}, {std::log(3.0f), 0.0f}});  // p(0) = 1/2, 3/4
  out.targets = torch::tensor({0, 0}, torch::kInt64);
  out.mu = torch::tensor({{1.0f, 0.0f}});
  out.logvar = torch::tensor({{0.0f, static_cast<float>(std::log(2.0))}});
  const double ce = (std::log(2.0) + std::log(4.0 / 3.0)) / 2.0;
  const double kl = 1.0 - std::log(2.0) / 2.0;  // 0.653
  LossParts paper = vae_loss(out, 1.0, 0.0, 1);
  EXPECT_NEAR(paper.reconstruction.item<double>(), ce, 1e-6);
  EXPECT_NEAR(paper.kl.item<double>(), kl, 1e-6);
  EXPECT_NEAR(paper.total.item<double>(), ce + kl, 1e-6);
  // Free bits 2 nats lift the KL term to 2; beta 0.5 over 4 predictions per sequence.
  LossParts freed = vae_loss(out, 0.5, 2.0, 4);
  EXPECT_NEAR(freed.total.item<double>(), ce + 0.5 * 2.0 / 4.0, 1e-6);
  EXPECT_NEAR(freed.kl.item<double>(), kl, 1e-6);  // reported KL is the real one
}

TEST(Loss, KlWeightRisesLinearly) {
  EXPECT_DOUBLE_EQ(kl_weight(0, 100), 0.0);
  EXPECT_DOUBLE_EQ(kl_weight(25, 100), 0.25);
  EXPECT_DOUBLE_EQ(kl_weight(100, 100), 1.0);
  EXPECT_DOUBLE_EQ(kl_weight(5, 0), 1.0);
}

}  // namespace
}  // namespace cadenza::model
