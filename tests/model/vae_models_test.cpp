#include <gtest/gtest.h>

#include "model/vae_model.h"
#include "model/vae_transformer.h"

namespace cadenza::model {
namespace {

ModelConfig tiny(const std::string& kind, bool paper) {
  ModelConfig c = paper ? paper_preset(kind) : default_preset(kind);
  c.vocab_size = 11;
  c.window = 6;
  c.latent = 4;
  c.embedding = 8;
  c.encoder_hidden = c.decoder_hidden = 12;
  c.model_dim = 8;
  c.heads = 2;
  c.feed_forward = 16;
  c.dropout = 0.0;
  return c;
}

torch::Tensor examples() { return torch::randint(0, 11, {3, 7}, torch::kInt64); }

TEST(VaeModels, ShapesFollowThePaperAndTheDefaults) {
  torch::manual_seed(0);
  struct Case {
    std::string kind;
    bool paper;
    std::int64_t predictions;
    std::int64_t latent_dims;
  };
  for (const Case& c :
       {Case{"vae-lstm", true, 1, 2}, Case{"vae-lstm", false, 6, 2},
        Case{"vae-transformer", true, 6, 3}, Case{"vae-transformer", false, 6, 2}}) {
    SCOPED_TRACE(c.kind + (c.paper ? " paper" : " default"));
    VaeModel model = make_model(tiny(c.kind, c.paper));
    torch::Tensor x = examples();
    VaeOutput out = model->forward(x, true);
    EXPECT_EQ(model->predictions_per_example(), c.predictions);
    EXPECT_EQ(out.logits.sizes(), (std::vector<std::int64_t>{3 * c.predictions, 11}));
    EXPECT_EQ(out.targets.size(0), 3 * c.predictions);
    EXPECT_EQ(out.mu.dim(), c.latent_dims);
    EXPECT_EQ(out.mu.size(-1), 4);
    torch::Tensor expected_targets =
        !c.paper               ? x.narrow(1, 1, 6).reshape({-1})
        : c.kind == "vae-lstm" ? x.select(1, 6)
                               : x.narrow(1, 0, 6).reshape({-1});  // reconstructs its input
    EXPECT_TRUE(torch::equal(out.targets, expected_targets));
    EXPECT_EQ(model->next_token_logits(x.narrow(1, 0, 6)).sizes(),
              (std::vector<std::int64_t>{3, 11}));
    auto [logits, targets] = model->next_token_predictions(x);
    EXPECT_EQ(logits.size(0), targets.size(0));
  }
}

// With z fixed, a prediction may depend only on the tokens before it.
TEST(VaeModels, DefaultDecodersDoNotSeeTheFuture) {
  torch::manual_seed(1);
  for (const std::string kind : {"vae-lstm", "vae-transformer"}) {
    SCOPED_TRACE(kind);
    VaeModel model = make_model(tiny(kind, false));
    model->eval();
    torch::Tensor window = examples().narrow(1, 0, 6).clone();
    torch::Tensor z = torch::randn({3, 4});
    torch::Tensor before = model->decode(z, window);
    window.index_put_({torch::indexing::Slice(), 4}, (window.select(1, 4) + 1) % 11);
    torch::Tensor after = model->decode(z, window);
    EXPECT_TRUE(torch::allclose(before.narrow(1, 0, 4), after.narrow(1, 0, 4)));
    EXPECT_FALSE(torch::allclose(before.narrow(1, 4, 2), after.narrow(1, 4, 2)));
  }
}

TEST(VaeModels, SinusoidalPositionsMatchTheFormula) {
  torch::Tensor table = sinusoidal_positions(5, 4);
  EXPECT_NEAR(table[3][0].item<double>(), std::sin(3.0), 1e-6);
  EXPECT_NEAR(table[3][1].item<double>(), std::cos(3.0), 1e-6);
  EXPECT_NEAR(table[3][2].item<double>(), std::sin(3.0 / 100.0), 1e-6);
  EXPECT_NEAR(table[3][3].item<double>(), std::cos(3.0 / 100.0), 1e-6);
}

TEST(VaeModels, ConfigRoundTripsAndRejectsUnknownModels) {
  ModelConfig c = tiny("vae-transformer", false);
  ModelConfig back = model_config_from_json(to_json(c));
  EXPECT_EQ(to_json(back), to_json(c));
  c.kind = "vae-gru";
  EXPECT_THROW(c.validate(), std::invalid_argument);
  EXPECT_THROW(model_config_from_json("{\"kind\": \"vae-lstm\"}"), std::invalid_argument);
  EXPECT_THROW(model_config_from_json("not json"), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::model
