#include "model/transformer_lm.h"

#include <gtest/gtest.h>

namespace cadenza::model {
namespace {

ModelConfig tiny_lm() {
  ModelConfig c = default_preset("transformer");
  c.tokens = "remi";
  c.vocab_size = 13;
  c.window = 8;
  c.model_dim = 16;
  c.heads = 2;
  c.feed_forward = 24;
  c.decoder_blocks = 2;
  c.dropout = 0.0;
  return c;
}

TEST(TransformerLm, PredictsTheNextTokenAtEveryPositionWithNoLatent) {
  torch::manual_seed(0);
  auto model = std::dynamic_pointer_cast<TransformerLmImpl>(make_model(tiny_lm()));
  ASSERT_TRUE(model);
  torch::Tensor examples = torch::randint(0, 13, {3, 9}, torch::kInt64);
  VaeOutput out = model->forward(examples, true);
  EXPECT_EQ(out.logits.sizes(), (std::vector<std::int64_t>{3 * 8, 13}));
  EXPECT_TRUE(out.targets.equal(examples.narrow(1, 1, 8).reshape({-1})));
  EXPECT_EQ(out.mu.size(1), 0);
  // No latent: the KL term is exactly 0, the loss is the cross-entropy.
  LossParts loss = vae_loss(out, 1.0, 0.0, model->predictions_per_example());
  EXPECT_EQ(loss.kl.item<double>(), 0.0);
  EXPECT_DOUBLE_EQ(loss.total.item<double>(), loss.reconstruction.item<double>());
}

TEST(TransformerLm, IsCausalALaterTokenNeverChangesAnEarlierPrediction) {
  torch::manual_seed(1);
  auto model = std::dynamic_pointer_cast<TransformerLmImpl>(make_model(tiny_lm()));
  model->eval();
  torch::Tensor a = torch::randint(0, 13, {1, 8}, torch::kInt64);
  torch::Tensor b = a.clone();
  b[0][7] = (a[0][7].item<std::int64_t>() + 1) % 13;
  torch::NoGradGuard no_grad;
  torch::Tensor la = model->decode({}, a), lb = model->decode({}, b);
  EXPECT_TRUE(torch::allclose(la.narrow(1, 0, 7), lb.narrow(1, 0, 7), 1e-5, 1e-6));
  EXPECT_FALSE(torch::allclose(la.select(1, 7), lb.select(1, 7)));
}

TEST(TransformerLm, KeyValueCacheGivesTheFullPassLogitsTokenByToken) {
  torch::manual_seed(2);
  auto model = std::dynamic_pointer_cast<TransformerLmImpl>(make_model(tiny_lm()));
  model->eval();
  torch::NoGradGuard no_grad;
  torch::Tensor ids = torch::randint(0, 13, {1, 8}, torch::kInt64);
  torch::Tensor full = model->decode({}, ids);  // [1, 8, 13]
  // A prompt of 3, then one token at a time.
  KvCache cache = model->new_cache(1);
  torch::Tensor logits = model->extend(ids.narrow(1, 0, 3), cache);
  EXPECT_TRUE(torch::allclose(logits, full.select(1, 2), 1e-4, 1e-5));
  for (std::int64_t t = 3; t < 8; ++t) {
    logits = model->extend(ids.narrow(1, t, 1), cache);
    EXPECT_TRUE(torch::allclose(logits, full.select(1, t), 1e-4, 1e-5)) << "position " << t;
  }
  EXPECT_EQ(cache.length, 8);
  EXPECT_THROW(model->extend(ids.narrow(1, 0, 1), cache), std::length_error);
}

TEST(TransformerLm, ConfigRefusesThePaperPresetAndOddHeadWidths) {
  ModelConfig c = tiny_lm();
  c.paper = true;
  EXPECT_THROW(c.validate(), std::invalid_argument);
  c = tiny_lm();
  c.model_dim = 18;
  c.heads = 2;  // head width 9: rotary pairs need an even width
  EXPECT_THROW(make_model(c), std::invalid_argument);
  c = tiny_lm();
  c.tokens = "abc";
  EXPECT_THROW(c.validate(), std::invalid_argument);
}

TEST(TransformerLm, ConfigJsonKeepsTheTokensAndReadsOlderCheckpointsAsPaper) {
  ModelConfig c = tiny_lm();
  ModelConfig back = model_config_from_json(to_json(c));
  EXPECT_EQ(back.kind, "transformer");
  EXPECT_EQ(back.tokens, "remi");
  ModelConfig v = default_preset("vae-lstm");
  v.vocab_size = 5;
  std::string older = to_json(v);
  const std::string field = "\"tokens\":\"paper\",";
  older.erase(older.find(field), field.size());
  EXPECT_EQ(model_config_from_json(older).tokens, "paper");
}

}  // namespace
}  // namespace cadenza::model
