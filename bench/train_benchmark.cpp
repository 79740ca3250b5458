// Training speed of the default models: one optimizer step on a batch of 32 windows of 100
// tokens (vocabulary 787, as jazz.txt), reported as input tokens per second. Compare with
// bench/python/vae_lstm_benchmark.py, the same VAE-LSTM in Python PyTorch.
//   build-d/bench/train_benchmark --benchmark_min_time=20
#include <ATen/Parallel.h>
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>

#include "common/allocator.h"
#include "model/fused_lstm.h"
#include "model/vae_model.h"
#include "train/trainer.h"

namespace {
using namespace cadenza::model;

// One torch intra-op thread; OpenBLAS threads from $CADENZA_BLAS_THREADS (default 1), since
// on 2 cores torch's own threading hurts while OpenBLAS's helps (docs/training.md, "Threads").
void single_thread() {
  cadenza::keep_freed_memory_for_reuse(std::size_t{1} << 30);  // as `cadenza train` does
  at::set_num_threads(1);
  const char* blas = std::getenv("CADENZA_BLAS_THREADS");
  using SetThreads = void (*)(int);
  if (auto openblas = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    openblas(blas ? std::max(1, std::atoi(blas)) : 1);
}

void train_steps(benchmark::State& state, const std::string& kind) {
  single_thread();
  torch::manual_seed(0);
  ModelConfig config = default_preset(kind);
  config.vocab_size = 787;
  VaeModel net = make_model(config);
  net->train();
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(2e-3));
  const std::int64_t batch = 32;
  torch::Tensor examples =
      torch::randint(0, config.vocab_size, {batch, config.window + 1}, torch::kInt64);
  for (auto _ : state) {
    VaeOutput out = net->forward(examples, true);
    LossParts loss = vae_loss(out, 1.0, config.free_bits, net->predictions_per_example());
    optimizer.zero_grad();
    loss.total.backward();
    torch::nn::utils::clip_grad_norm_(net->parameters(), 1.0);
    optimizer.step();
  }
  state.SetItemsProcessed(state.iterations() * batch * config.window);
}

void BM_VaeLstmTrainStep(benchmark::State& state) { train_steps(state, "vae-lstm"); }
// The same model with torch's own CPU LSTM instead of model/fused_lstm.h.
void BM_VaeLstmTrainStepTorchLstm(benchmark::State& state) {
  set_fused_lstm_enabled(false);
  train_steps(state, "vae-lstm");
  set_fused_lstm_enabled(true);
}
void BM_VaeTransformerTrainStep(benchmark::State& state) { train_steps(state, "vae-transformer"); }
BENCHMARK(BM_VaeLstmTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_VaeLstmTrainStepTorchLstm)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_VaeTransformerTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
