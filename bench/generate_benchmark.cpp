// Generation speed on CPU: 100 tokens after a 100-token seed window, one piece, with the
// default models (random weights; vocabulary 787 as jazz.txt), temperature 0.7, one thread.
// The target: <= 50 ms per 100 tokens. Also the sampler alone.
//   build-f/bench/generate_benchmark --benchmark_min_time=2
#include <ATen/Parallel.h>
#include <benchmark/benchmark.h>

#include "generate/generator.h"

namespace {
using namespace cadenza;

model::VaeModel random_model(const std::string& kind) {
  at::set_num_threads(1);
  torch::manual_seed(0);
  model::ModelConfig config = model::default_preset(kind);
  config.vocab_size = 787;
  model::VaeModel net = model::make_model(config);
  net->eval();
  return net;
}

void hundred_tokens(benchmark::State& state, const std::string& kind, bool from_prior, bool fast) {
  model::VaeModel net = random_model(kind);
  generate::Sampler sampler(1);
  generate::Ids seed(net->config().window);
  for (auto& id : seed) id = static_cast<std::int64_t>(sampler.below(787));
  generate::GenerationOptions options;
  options.length = 100;
  options.fast = fast;
  std::optional<torch::Tensor> z;
  if (from_prior) z = generate::sample_prior(generate::encode_means(*net, {seed}).sizes(), sampler);
  for (auto _ : state) {
    auto pieces = generate::generate_pieces(*net, {seed}, options, sampler, z);
    benchmark::DoNotOptimize(pieces);
  }
}
// One iteration = one piece of 100 tokens: the Time column is the time per 100 tokens.
BENCHMARK_CAPTURE(hundred_tokens, lstm_paper_procedure, "vae-lstm", false, false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(hundred_tokens, lstm_prior_window, "vae-lstm", true, false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(hundred_tokens, lstm_fast, "vae-lstm", false, true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(hundred_tokens, transformer_paper_procedure, "vae-transformer", false, false)
    ->Unit(benchmark::kMillisecond);

void sample_787(benchmark::State& state) {
  generate::Sampler sampler(1);
  std::vector<float> logits(787);
  for (auto& l : logits) l = static_cast<float>(sampler.gaussian() * 3);
  generate::SamplingOptions options;
  options.top_p = 0.9;
  for (auto _ : state) benchmark::DoNotOptimize(sampler.sample(logits, options));
}
BENCHMARK(sample_787);
}  // namespace
BENCHMARK_MAIN();
