#include "train/training_state.h"

#include <filesystem>

namespace cadenza::train {

nlohmann::json options_json(const TrainOptions& o) {
  return {{"batch_size", o.batch_size},
          {"learning_rate", o.learning_rate},
          {"grad_clip", o.grad_clip},
          {"stride", o.stride},
          {"max_steps_per_epoch", o.max_steps_per_epoch},
          {"validation_fraction", o.validation_fraction},
          {"patience", o.patience},
          {"seed", o.seed},
          {"augment_transpose", o.augment_transpose},
          {"validation_list", o.validation_list.empty()
                                  ? std::string()
                                  : std::filesystem::absolute(o.validation_list).string()},
          {"max_validation_windows", o.max_validation_windows},
          // Where the corpus was, so `generate` can draw seed windows without --corpus.
          {"corpus", std::filesystem::absolute(o.corpus).lexically_normal().string()}};
}

void apply_options_json(const nlohmann::json& j, TrainOptions& o) {
  j.at("batch_size").get_to(o.batch_size);
  j.at("learning_rate").get_to(o.learning_rate);
  j.at("grad_clip").get_to(o.grad_clip);
  j.at("stride").get_to(o.stride);
  j.at("max_steps_per_epoch").get_to(o.max_steps_per_epoch);
  j.at("validation_fraction").get_to(o.validation_fraction);
  j.at("patience").get_to(o.patience);
  j.at("seed").get_to(o.seed);
  j.at("augment_transpose").get_to(o.augment_transpose);
  if (j.contains("validation_list"))  // older checkpoints have neither
    o.validation_list = j.at("validation_list").get<std::string>();
  if (j.contains("max_validation_windows"))
    j.at("max_validation_windows").get_to(o.max_validation_windows);
}

nlohmann::json training_section(const TrainingState& state, const TrainOptions& options) {
  return {{"epochs_done", state.epochs_done},
          {"step", state.step},
          {"data_rng", state.data_rng},
          {"best_validation_ce", state.best_validation_ce},
          {"best_epoch", state.best_epoch},
          {"bad_epochs", state.bad_epochs},
          {"options", options_json(options)},
          {"history", nlohmann::json::parse(metrics_to_json(state.history))}};
}

TrainingState training_state_from_json(const nlohmann::json& training) {
  TrainingState state;
  state.epochs_done = training.at("epochs_done").get<int>();
  state.step = training.at("step").get<std::int64_t>();
  state.data_rng = training.at("data_rng").get<std::string>();
  state.best_validation_ce = training.at("best_validation_ce").is_null()
                                 ? INFINITY
                                 : training.at("best_validation_ce").get<double>();
  state.best_epoch = training.at("best_epoch").get<int>();
  state.bad_epochs = training.at("bad_epochs").get<int>();
  state.history = metrics_from_json(training.at("history").dump());
  return state;
}

}  // namespace cadenza::train
