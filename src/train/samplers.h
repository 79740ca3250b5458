#pragma once
// How a run cuts its training and validation windows: window length and stride by model, REMI
// windows starting at a bar, a genre model's windows opening with the genre token and taking
// turns by genre, and the transposition that augments them (no torch here).
#include <cstdint>
#include <memory>
#include <vector>

#include "data/augmenter.h"
#include "data/batches.h"
#include "data/split.h"
#include "model/config.h"
#include "tokens/vocab.h"
#include "train/trainer.h"

namespace cadenza::train {

// What the run's corpus and model are, as far as cutting windows goes.
struct WindowSetting {
  bool remi = false;         // windows start at a Bar token
  bool genre_model = false;  // every window opens with its document's genre token
  // Next-token predictions per window (1: the paper LSTM, which predicts only the last).
  std::int64_t predictions_per_example = 0;
};

// The samplers keep references to `split`'s sequences: the split outlives them.
struct Samplers {
  data::WindowSampler train, validation;
  std::vector<std::size_t> genre_of_train;      // genre models: the genre of each document
  std::unique_ptr<data::Augmenter> transposer;  // --augment-transpose; else none
};

// Throws std::runtime_error naming the corpus when a split's longest piece is shorter than one
// example.
Samplers make_samplers(const data::Split& split, const tokens::Vocab& vocab,
                       const model::ModelConfig& config, const WindowSetting& setting,
                       const TrainOptions& options);

// The training windows of one epoch in the order they are trained on: shuffled by `data_rng`,
// and for a genre model taking turns by genre (every genre weighs the same).
std::vector<data::WindowStart> training_epoch(const Samplers& samplers, std::mt19937_64& data_rng);

// The validation windows: all of them, or `max_windows` evenly spaced (the same every epoch).
std::vector<data::WindowStart> validation_epoch(const Samplers& samplers, std::int64_t max_windows);

}  // namespace cadenza::train
