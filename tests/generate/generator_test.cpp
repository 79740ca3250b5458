// The generation loop on tiny random models: the paper's procedure step by step, the fast
// stateful path against the model's own decode(), seeds, interpolation, bad checkpoints.
#include "generate/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "generate/lstm_stepper.h"
#include "generate/token_predictor.h"

namespace cadenza::generate {
namespace {

model::VaeModel tiny(const std::string& kind) {
  torch::manual_seed(0);
  model::ModelConfig c = model::default_preset(kind);
  c.vocab_size = 12;
  c.window = 8;
  c.latent = 4;
  c.embedding = 8;
  c.encoder_hidden = c.decoder_hidden = 16;
  c.model_dim = 16;
  c.feed_forward = 32;
  c.heads = 2;
  model::VaeModel m = model::make_model(c);
  m->eval();
  return m;
}

torch::Tensor row(const Ids& ids) {
  return torch::tensor(std::vector<std::int64_t>(ids.begin(), ids.end())).view({1, -1});
}

TEST(Generator, GreedyFollowsThePapersPredictAppendShift) {
  model::VaeModel m = tiny("vae-lstm");
  const Ids seed = {1, 2, 3, 4, 5, 6, 7, 8};
  GenerationOptions options;
  options.length = 12;
  options.sampling.temperature = 0;
  Sampler sampler(1);
  const Ids got = generate_pieces(*m, {seed}, options, sampler).front();

  torch::NoGradGuard no_grad;
  Ids window = seed, expected;
  for (int i = 0; i < 12; ++i) {
    const auto next = m->next_token_logits(row(window)).argmax(1).item<std::int64_t>();
    expected.push_back(next);
    window.erase(window.begin());
    window.push_back(next);
  }
  EXPECT_EQ(got, expected);
}

TEST(Generator, StepperMatchesDecodeWithinTheWindow) {
  model::VaeModel m = tiny("vae-lstm");
  torch::NoGradGuard no_grad;
  const Ids tokens = {3, 1, 4, 1, 5, 9, 2};
  const torch::Tensor z = torch::randn({1, 4});
  LstmStepper stepper(*m);
  torch::Tensor logits = stepper.start(z, row(Ids(tokens.begin(), tokens.begin() + 3)));
  for (std::size_t t = 3; t <= tokens.size(); ++t) {
    const torch::Tensor all = m->decode(z, row(Ids(tokens.begin(), tokens.begin() + t)));
    EXPECT_TRUE(torch::allclose(logits, all.select(1, t - 1), 1e-5, 1e-5)) << "after " << t;
    if (t < tokens.size()) logits = stepper.step(torch::tensor({tokens[t]}));
  }
}

TEST(Generator, FastEqualsFixedZWhileTheWindowIsNotFull) {
  model::VaeModel m = tiny("vae-lstm");
  const Ids seed = {2, 7, 1};
  GenerationOptions options;
  options.length = 5;  // 3 + 5 = window: nothing is shifted out
  options.sampling.temperature = 0;
  Sampler a(1), b(1);
  const torch::Tensor mu = encode_means(*m, {seed});
  const Ids windowed = generate_pieces(*m, {seed}, options, a, mu).front();
  options.fast = true;
  const Ids fast = generate_pieces(*m, {seed}, options, b).front();
  EXPECT_EQ(fast, windowed);
  options.length = 40;  // and it keeps going past the window
  EXPECT_EQ(generate_pieces(*m, {seed}, options, b).front().size(), 40u);
}

TEST(Generator, SameSeedSamePiecesAndTheBatchKeepsRows) {
  model::VaeModel m = tiny("vae-lstm");
  GenerationOptions options;
  options.length = 20;
  options.sampling.temperature = 1;
  const std::vector<Ids> seeds = {{1, 2, 3, 4, 5, 6, 7, 8}, {8, 7, 6, 5, 4, 3, 2, 1}};
  Sampler a(9), b(9), c(10);
  const auto first = generate_pieces(*m, seeds, options, a);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first, generate_pieces(*m, seeds, options, b));
  EXPECT_NE(first, generate_pieces(*m, seeds, options, c));
  for (const Ids& piece : first)
    for (auto id : piece) EXPECT_TRUE(id >= 0 && id < 12);
}

TEST(Generator, PriorAndTransformer) {
  model::VaeModel t = tiny("vae-transformer");
  const Ids seed = {1, 2, 3, 4, 5, 6, 7, 8};
  Sampler sampler(4);
  const torch::Tensor mu = encode_means(*t, {seed});
  const torch::Tensor z = sample_prior(mu.sizes(), sampler);
  EXPECT_EQ(z.sizes(), mu.sizes());
  GenerationOptions options;
  options.length = 10;
  EXPECT_EQ(generate_pieces(*t, {seed}, options, sampler, z).front().size(), 10u);
  EXPECT_EQ(generate_pieces(*t, {seed}, options, sampler).front().size(), 10u);
  options.fast = true;
  EXPECT_THROW(generate_pieces(*t, {seed}, options, sampler), std::invalid_argument);
}

TEST(Generator, InterpolationEndsAreTheEndsLatents) {
  model::VaeModel m = tiny("vae-lstm");
  // Sharper than a fresh initialisation (near-uniform next-token distributions that the same
  // random draws turn into the same pieces for any z): weights x 8, so z and the seed window
  // decide the tokens and a wrong z or window gives another piece.
  {
    torch::NoGradGuard no_grad;
    for (auto& p : m->parameters()) p.mul_(8.0);
  }
  const Ids a = {1, 1, 2, 2, 3, 3, 4, 4, 5}, b = {9, 8, 7, 6, 5, 4, 3, 2};
  GenerationOptions options;
  options.length = 6;
  const auto pieces = interpolate_pieces(*m, a, b, 3, options, 5);
  ASSERT_EQ(pieces.size(), 3u);
  for (const Ids& p : pieces) EXPECT_EQ(p.size(), 6u);
  // Both ends cut to the shorter piece (8 tokens); z at step i is (1 - t) mu_a + t mu_b with
  // t = i / 2, from a's window for t <= 0.5 and b's after, each with a fresh Sampler(5).
  const Ids seed_a(a.begin(), a.begin() + 8);
  const torch::Tensor mu = encode_means(*m, {seed_a, b});
  const auto expected = [&](const Ids& seed, const torch::Tensor& z) {
    Sampler sampler(5);
    return generate_pieces(*m, {seed}, options, sampler, z.unsqueeze(0)).front();
  };
  EXPECT_EQ(pieces[0], expected(seed_a, mu[0]));
  EXPECT_EQ(pieces[1], expected(seed_a, (mu[0] + mu[1]) / 2));
  EXPECT_EQ(pieces[2], expected(b, mu[1]));
  // The ends differ, so the pieces along the line are not all the same.
  EXPECT_TRUE(pieces[0] != pieces[1] || pieces[1] != pieces[2]);
  EXPECT_NE(pieces[0], expected(seed_a, mu[1]));  // a's window with b's latent
  EXPECT_THROW(interpolate_pieces(*m, a, b, 1, options, 5), std::invalid_argument);
}

// interpolate for REMI VAEs: the predictor reads its history under the latent it was given,
// not under the history's own mu.
TEST(Generator, LatentPredictorDecodesUnderItsFixedLatent) {
  model::LoadedModel loaded;
  loaded.model = tiny("vae-lstm");
  loaded.config = loaded.model->config();
  {
    torch::NoGradGuard no_grad;
    for (auto& p : loaded.model->parameters()) p.mul_(8.0);  // z matters (see above)
  }
  const Ids history = {1, 2, 3, 4, 5};
  const std::vector<float> z = {0.5f, -1.0f, 2.0f, 0.0f};
  const auto last_logits = [&](const torch::Tensor& latent) {
    c10::InferenceMode inference;
    torch::Tensor all = loaded.model->decode(latent, row(history));
    torch::Tensor last = all.select(1, all.size(1) - 1).reshape({-1}).contiguous();
    return std::vector<float>(last.data_ptr<float>(), last.data_ptr<float>() + last.numel());
  };
  auto fixed = make_latent_predictor(loaded, z);
  const std::vector<float> got = fixed->start(history);
  const std::vector<float> want = last_logits(torch::tensor(z).view({1, -1}));
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-4) << i;
  // The history's own mu gives other logits: the fixed latent is what decided them.
  const std::vector<float> own = make_token_predictor(loaded)->start(history);
  EXPECT_GT(std::abs(own[0] - got[0]) + std::abs(own[5] - got[5]), 1e-3);

  EXPECT_THROW(make_latent_predictor(loaded, {1.0f, 2.0f}), std::invalid_argument);  // 2 != 4
  loaded.config.kind = "transformer";
  EXPECT_THROW(make_latent_predictor(loaded, z), std::invalid_argument);
}

TEST(Generator, RandomWindowComesFromOneSequence) {
  const std::vector<Ids> sequences = {{1, 2}, {3, 4, 5, 6}};
  Sampler sampler(2);
  for (int i = 0; i < 20; ++i) {
    const Ids w = random_window(sequences, 3, sampler);
    EXPECT_TRUE(w == (Ids{3, 4, 5}) || w == (Ids{4, 5, 6}));
  }
  EXPECT_THROW(random_window(sequences, 5, sampler), std::invalid_argument);
  EXPECT_EQ(context_of({1, 2, 3, 4}, 2), (Ids{3, 4}));
  EXPECT_EQ(context_of({1}, 2), (Ids{1}));
}

TEST(Generator, MissingAndCorruptCheckpointsNameTheFile) {
  namespace fs = std::filesystem;
  const fs::path missing = fs::temp_directory_path() / "cadenza_no_such_model.cdz";
  fs::remove(missing);
  try {
    model::load_model(missing, torch::kCPU);
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  const fs::path corrupt = fs::temp_directory_path() / "cadenza_corrupt_model.cdz";
  { std::ofstream(corrupt) << "CDZ1 but not really a checkpoint"; }
  try {
    model::load_model(corrupt, torch::kCPU);
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(corrupt.string()), std::string::npos) << e.what();
  }
  fs::remove(corrupt);
}

}  // namespace
}  // namespace cadenza::generate
