#include "train/trainer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/checkpoint_file.h"
#include "support/png_image.h"

namespace cadenza::train {
namespace {
namespace fs = std::filesystem;

class TrainerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_trainer_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A melody that repeats every 6 tokens: after two tokens the next one is certain.
  fs::path pattern_corpus(int repeats) {
    fs::path path = dir_ / "pattern.txt";
    std::ofstream out(path);
    for (int i = 0; i < repeats; ++i) out << "C4\nE4\nG4\nC5\nG4\nE4\n";
    return path;
  }

  TrainOptions tiny_options(const std::string& kind) {
    TrainOptions o;
    o.corpus = pattern_corpus(200);
    o.output = dir_ / "model.cdz";
    o.config = model::default_preset(kind);
    o.config.window = 12;
    o.config.latent = 4;
    o.config.embedding = 16;
    o.config.encoder_hidden = 32;
    o.config.decoder_hidden = 48;
    o.config.model_dim = 32;
    o.config.feed_forward = 64;
    o.config.dropout = 0.0;
    o.config.free_bits = 0.5;
    o.config.kl_anneal_steps = 50;
    o.epochs = 6;
    o.batch_size = 16;
    o.learning_rate = 1e-2;
    o.stride = 3;
    o.patience = 0;
    o.verbose = false;
    return o;
  }
  fs::path dir_;
};

TEST_F(TrainerTest, VaeLstmLearnsADeterministicPattern) {
  TrainSummary summary = run_training(tiny_options("vae-lstm"));
  ASSERT_EQ(summary.history.size(), 6u);
  EXPECT_EQ(summary.split_method, "contiguous");
  EXPECT_EQ(summary.vocab_size, 3u + 0u + 1u);  // C4 C5 E4 G4
  const EpochMetrics& last = summary.history.back();
  // Every position but the first two is determined by the two tokens before it, and z can
  // carry the melody's phase, so the cross-entropy must approach zero.
  EXPECT_LT(last.validation_ce, 0.05) << metrics_csv(summary.history);
  EXPECT_GT(last.validation_accuracy, 0.9);
  EXPECT_LT(last.validation_ce, summary.history.front().validation_ce);
}

TEST_F(TrainerTest, VaeTransformerLearnsADeterministicPattern) {
  TrainOptions options = tiny_options("vae-transformer");
  options.learning_rate = 3e-3;
  TrainSummary summary = run_training(options);
  EXPECT_LT(summary.history.back().validation_ce, 0.1) << metrics_csv(summary.history);
}

TEST_F(TrainerTest, ResumeContinuesExactlyWhereItStopped) {
  TrainOptions options = tiny_options("vae-lstm");
  options.epochs = 3;
  options.augment_transpose = true;
  options.config.dropout = 0.1;  // draws from the torch generator too
  TrainSummary straight = run_training(options);
  std::string straight_weights = model::read_checkpoint_file(options.output).at("weights");

  fs::remove(options.output);
  options.epochs = 1;
  run_training(options);
  options.epochs = 3;
  options.resume = true;
  TrainSummary resumed = run_training(options);
  ASSERT_EQ(resumed.history.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(resumed.history[i].train_total, straight.history[i].train_total) << "epoch " << i + 1;
    EXPECT_EQ(resumed.history[i].validation_ce, straight.history[i].validation_ce)
        << "epoch " << i + 1;
  }
  EXPECT_EQ(model::read_checkpoint_file(options.output).at("weights"), straight_weights);
}

TEST_F(TrainerTest, WritesMetricsCsvPlotAndBestCheckpoint) {
  TrainOptions options = tiny_options("vae-lstm");
  options.epochs = 3;
  const TrainSummary summary = run_training(options);
  ASSERT_EQ(summary.history.size(), 3u);

  // The CSV: a header and one row per epoch with the epoch's numbers (%.6g).
  std::ifstream csv(metrics_csv_path(options.output));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line,
            "epoch,train_reconstruction,train_kl,train_total,val_reconstruction,val_kl,val_total,"
            "val_ce,val_accuracy,kl_weight,train_tokens_per_s,seconds,elapsed_s");
  std::vector<double> val_ce;
  for (int epoch = 1; std::getline(csv, line); ++epoch) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 13u) << line;
    EXPECT_EQ(cells[0], std::to_string(epoch));
    val_ce.push_back(std::stod(cells[7]));
    const EpochMetrics& m = summary.history[static_cast<std::size_t>(epoch - 1)];
    EXPECT_NEAR(std::stod(cells[3]), m.train_total, 1e-5 * std::abs(m.train_total));
    EXPECT_NEAR(val_ce.back(), m.validation_ce, 1e-5 * m.validation_ce);
  }
  ASSERT_EQ(val_ce.size(), 3u);

  // The best checkpoint is the state after the epoch of lowest validation CE in the CSV.
  const auto best =
      static_cast<int>(std::min_element(val_ce.begin(), val_ce.end()) - val_ce.begin()) + 1;
  EXPECT_EQ(summary.best_epoch, best);
  const auto training = nlohmann::json::parse(
      model::read_checkpoint_file(best_checkpoint_path(options.output)).at("training"));
  EXPECT_EQ(training.at("epochs_done").get<int>(), best);
  EXPECT_EQ(training.at("best_epoch").get<int>(), best);
  EXPECT_NEAR(training.at("best_validation_ce").get<double>(), val_ce[best - 1], 1e-5);

  // The loss plot: 640 x 400, white, axes 40 px inside the edges, each series scaled between
  // the lowest and highest value of all three; the validation CE (green, drawn last, 2 px
  // wide) starts at the left axis and ends at the right edge of the plot area.
  const cadenza::testing::DecodedPng png =
      cadenza::testing::decode_png_file(loss_plot_path(options.output));
  ASSERT_EQ(png.width, 640);
  ASSERT_EQ(png.height, 400);
  EXPECT_EQ(png.at(5, 5), (std::array<int, 3>{255, 255, 255}));
  EXPECT_EQ(png.at(635, 395), (std::array<int, 3>{255, 255, 255}));
  double lo = 1e300, hi = -1e300;
  for (const EpochMetrics& m : summary.history)
    for (double v : {m.train_total, m.validation_total, m.validation_ce})
      lo = std::min(lo, v), hi = std::max(hi, v);
  const auto green_near = [&](double x, double value) {
    const double y = 360 - (value - lo) / (hi - lo) * 320;
    for (int dx = -1; dx <= 1; ++dx)
      for (int dy = -1; dy <= 1; ++dy)
        if (png.at(static_cast<int>(std::lround(x)) + dx, static_cast<int>(std::lround(y)) + dy) ==
            std::array<int, 3>{44, 160, 44})
          return true;
    return false;
  };
  EXPECT_TRUE(green_near(40, summary.history.front().validation_ce));
  EXPECT_TRUE(green_near(320, summary.history[1].validation_ce));
  EXPECT_TRUE(green_near(600, summary.history.back().validation_ce));
  EXPECT_GT(png.count({31, 119, 180}) + png.count({255, 127, 14}), 0u);  // train, val total
}

TEST_F(TrainerTest, BadInputFailsWithOneClearErrorAndNoCheckpoint) {
  auto expect_error = [&](TrainOptions options, const std::string& fragment) {
    try {
      run_training(options);
      ADD_FAILURE() << "no error, expected: " << fragment;
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(options.output)) << "a checkpoint was written";
  };
  TrainOptions options = tiny_options("vae-lstm");
  options.corpus = dir_ / "empty.txt";
  std::ofstream(options.corpus).close();
  expect_error(options, "no tokens");

  options = tiny_options("vae-lstm");
  options.corpus = pattern_corpus(2);  // 12 tokens: the split cannot hold a 13-token example
  expect_error(options, "shorter than one example");

  options = tiny_options("vae-gru");
  expect_error(options, "unknown model");

  options = tiny_options("vae-lstm");
  options.resume = true;
  expect_error(options, "cannot open checkpoint");

  options = tiny_options("vae-lstm");
  options.device = "cuda:7";
  if (!fs::exists("/dev/nvidia0")) expect_error(options, "CUDA is not available");
}

TEST_F(TrainerTest, ResumeRejectsAnotherModelsCheckpoint) {
  TrainOptions options = tiny_options("vae-lstm");
  options.epochs = 1;
  run_training(options);
  options.config = model::default_preset("vae-transformer");
  options.resume = true;
  options.epochs = 2;
  try {
    run_training(options);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not a vae-transformer"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cadenza::train
