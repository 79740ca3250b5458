#include "train/trainer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/checkpoint_file.h"

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
  options.epochs = 2;
  run_training(options);
  EXPECT_TRUE(fs::exists(best_checkpoint_path(options.output)));
  std::ifstream csv(metrics_csv_path(options.output));
  std::string header, row1, row2, extra;
  std::getline(csv, header);
  std::getline(csv, row1);
  std::getline(csv, row2);
  EXPECT_EQ(header.rfind("epoch,train_reconstruction,train_kl,train_total,val_reconstruction", 0),
            0u);
  EXPECT_EQ(row2.rfind("2,", 0), 0u);
  EXPECT_FALSE(std::getline(csv, extra));
  std::ifstream png(loss_plot_path(options.output), std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
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
