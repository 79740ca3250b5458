#pragma once
// What a training run carries from epoch to epoch besides the weights, and the training
// settings it keeps: the "training" section of a checkpoint, which --resume reads back to
// continue exactly (no torch in this header).
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "train/metrics.h"
#include "train/trainer.h"

namespace cadenza::train {

struct TrainingState {
  int epochs_done = 0;
  std::int64_t step = 0;
  std::string data_rng;  // std::mt19937_64 state as text
  double best_validation_ce = INFINITY;
  int best_epoch = 0, bad_epochs = 0;
  std::vector<EpochMetrics> history;
};

// The settings that shape the training (batch size, learning rate, ..., the corpus' absolute
// path), as the checkpoint keeps them.
nlohmann::json options_json(const TrainOptions& options);
// Sets them in `options`; older checkpoints lack the validation list and window cap.
void apply_options_json(const nlohmann::json& j, TrainOptions& options);

// The "training" section: `state` and the settings. Reading throws nlohmann::json::exception
// for a missing or mistyped key.
nlohmann::json training_section(const TrainingState& state, const TrainOptions& options);
TrainingState training_state_from_json(const nlohmann::json& training);

}  // namespace cadenza::train
