// The parts of a training run that need no network: how windows are cut (samplers.h) and how
// the training section of a checkpoint reads back (training_state.h). Expected values are
// worked out by hand from the window length, strides and caps.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "train/samplers.h"
#include "train/training_state.h"

namespace cadenza::train {
namespace {

data::Sequence counting(std::size_t size) {
  data::Sequence ids(size);
  std::iota(ids.begin(), ids.end(), 0);
  return ids;
}

std::vector<std::size_t> offsets(const std::vector<data::WindowStart>& starts) {
  std::vector<std::size_t> out;
  for (const auto& start : starts) out.push_back(start.offset);
  return out;
}

model::ModelConfig window_of(std::int64_t window) {
  model::ModelConfig config;
  config.window = window;
  return config;
}

TEST(Samplers, ValidationWindowsDoNotOverlapAndTheCapTakesEvenlySpacedOnes) {
  data::Split split;
  split.train = {counting(41)};
  split.validation = {counting(41)};
  TrainOptions options;
  const WindowSetting setting{/*remi=*/false, /*genre_model=*/false,
                              /*predictions_per_example=*/4};
  // Window 4: examples of 5 ids every 4 ids, starting at 0, 4, ..., 36 (36 + 5 = 41).
  const Samplers samplers = make_samplers(split, tokens::Vocab(), window_of(4), setting, options);
  const std::vector<std::size_t> all = {0, 4, 8, 12, 16, 20, 24, 28, 32, 36};
  EXPECT_EQ(offsets(validation_epoch(samplers, 0)), all);
  EXPECT_EQ(offsets(validation_epoch(samplers, 20)), all);  // a cap above the count: all
  // Cap 4 of 10: windows k * 10 / 4 = 0, 2, 5, 7.
  EXPECT_EQ(offsets(validation_epoch(samplers, 4)), (std::vector<std::size_t>{0, 8, 20, 28}));
  EXPECT_EQ(samplers.train.stride(), 4u);
  EXPECT_EQ(samplers.train.length(), 5u);
  EXPECT_EQ(samplers.transposer, nullptr);
}

TEST(Samplers, ThePaperLstmTrainsOnEveryWindowAndValidatesOnEveryTenth) {
  data::Split split;
  split.train = {counting(41)};
  split.validation = {counting(41)};
  TrainOptions options;
  const WindowSetting one_prediction{false, false, /*predictions_per_example=*/1};
  const Samplers samplers =
      make_samplers(split, tokens::Vocab(), window_of(20), one_prediction, options);
  // Examples of 21 ids in 41: starts 0..20, every one for training, every 20 / 10 = 2nd for
  // validation.
  EXPECT_EQ(samplers.train.stride(), 1u);
  EXPECT_EQ(samplers.train.windows_per_epoch(), 21u);
  EXPECT_EQ(offsets(validation_epoch(samplers, 0)),
            (std::vector<std::size_t>{0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20}));
  // --stride overrides the training stride only.
  options.stride = 5;
  const Samplers strided =
      make_samplers(split, tokens::Vocab(), window_of(20), one_prediction, options);
  EXPECT_EQ(strided.train.windows_per_epoch(), 5u);  // 0, 5, 10, 15, 20
  EXPECT_EQ(strided.validation.stride(), 2u);
}

TEST(Samplers, RemiWindowsStartAtBars) {
  const tokens::Vocab vocab({"Bar_None", "Pitch_60"});
  data::Sequence piece(30, 1);
  for (std::size_t bar : {0, 7, 13, 22}) piece[bar] = 0;
  data::Split split;
  split.train = {piece};
  split.validation = {piece};
  const Samplers samplers =
      make_samplers(split, vocab, window_of(4), {/*remi=*/true, false, 4}, TrainOptions());
  // Every 4 ids (0, 4, 8, ...), moved on to the next bar: 0, 7, 13, 13 (kept once), 22.
  EXPECT_EQ(offsets(validation_epoch(samplers, 0)), (std::vector<std::size_t>{0, 7, 13, 22}));
}

TEST(Samplers, ASplitShorterThanOneExampleNamesTheCorpusAndTheLengths) {
  data::Split split;
  split.train = {counting(41)};
  split.validation = {counting(3)};
  TrainOptions options;
  options.corpus = "songs.txt";
  try {
    make_samplers(split, tokens::Vocab(), window_of(4), {false, false, 4}, options);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "songs.txt: the validation split has 3 tokens in its longest piece, shorter than "
              "one example of 5 tokens (window 4 + 1); use a longer corpus or a smaller --window");
  }
}

TEST(TrainingState, AnOlderCheckpointKeepsTheRequestedValidationSettings) {
  TrainOptions options;
  options.validation_list = "held_out.txt";
  options.max_validation_windows = 7;
  const auto stored = nlohmann::json::parse(R"({
    "batch_size": 16, "learning_rate": 0.001, "grad_clip": 0.5, "stride": 3,
    "max_steps_per_epoch": 9, "validation_fraction": 0.2, "patience": 2, "seed": 42,
    "augment_transpose": true, "corpus": "/data/jazz.txt"})");
  apply_options_json(stored, options);
  EXPECT_EQ(options.batch_size, 16);
  EXPECT_EQ(options.learning_rate, 0.001);
  EXPECT_EQ(options.grad_clip, 0.5);
  EXPECT_EQ(options.stride, 3);
  EXPECT_EQ(options.max_steps_per_epoch, 9);
  EXPECT_EQ(options.validation_fraction, 0.2);
  EXPECT_EQ(options.patience, 2);
  EXPECT_EQ(options.seed, 42u);
  EXPECT_TRUE(options.augment_transpose);
  EXPECT_EQ(options.validation_list, "held_out.txt");
  EXPECT_EQ(options.max_validation_windows, 7);
}

TEST(TrainingState, ReadsTheTrainingSectionAndNullAsNoBestYet) {
  const auto training = nlohmann::json::parse(R"({
    "epochs_done": 3, "step": 120, "data_rng": "5 6 7", "best_validation_ce": null,
    "best_epoch": 0, "bad_epochs": 3, "history": []})");
  const TrainingState state = training_state_from_json(training);
  EXPECT_EQ(state.epochs_done, 3);
  EXPECT_EQ(state.step, 120);
  EXPECT_EQ(state.data_rng, "5 6 7");
  EXPECT_TRUE(std::isinf(state.best_validation_ce));
  EXPECT_EQ(state.bad_epochs, 3);
  EXPECT_TRUE(state.history.empty());
  // A missing key is a json error (--resume turns it into "bad training section").
  EXPECT_THROW(training_state_from_json(nlohmann::json::parse(R"({"epochs_done": 1})")),
               nlohmann::json::exception);
}

}  // namespace
}  // namespace cadenza::train
