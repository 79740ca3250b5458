#pragma once
// The epochs of a training run: each trains on the shuffled training windows, validates, keeps
// the best validation CE, writes the checkpoints, metrics and loss plot (rank 0), prints one
// line, and stops when patience runs out.
#include <torch/torch.h>

#include <random>

#include "model/config.h"
#include "model/vae_model.h"
#include "tokens/vocab.h"
#include "train/distributed.h"
#include "train/samplers.h"
#include "train/trainer.h"
#include "train/training_state.h"

namespace cadenza::train {

// What every epoch works on, passed explicitly.
struct EpochLoop {
  const TrainOptions& options;
  const model::ModelConfig& config;
  const tokens::Vocab& vocab;
  const Samplers& samplers;
  model::VaeModelImpl& net;
  torch::optim::Optimizer& optimizer;
  torch::Device device;
  std::int64_t predictions_per_example;
  DataParallel* group;  // nullptr: one process
  bool lead;            // writes the files (rank 0, or the only process)
};

// Epochs state.epochs_done + 1 ... options.epochs; `state` and `data_rng` advance with them.
// Returns true when it stopped early (options.patience epochs without a better validation CE).
// Throws std::runtime_error when a loss becomes NaN or infinite, before that epoch's weights
// reach any file.
bool run_epochs(const EpochLoop& loop, TrainingState& state, std::mt19937_64& data_rng);

}  // namespace cadenza::train
