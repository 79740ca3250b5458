// Training given values that can only go wrong (issue 18, causes 1 and 11): a loss that
// becomes NaN stops with a clear error and keeps the last good checkpoint; the loss plot
// terminates for any history; epochs and batch sizes that train nothing are refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "train/metrics.h"
#include "train/trainer.h"

namespace cadenza::train {
namespace {
namespace fs = std::filesystem;

class HostileTraining : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_hostile_train_" + std::to_string(getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  TrainOptions tiny() {
    TrainOptions o;
    o.corpus = dir_ / "pattern.txt";
    std::ofstream out(o.corpus);
    for (int i = 0; i < 100; ++i) out << "C4\nE4\nG4\nC5\nG4\nE4\n";
    o.output = dir_ / "m.cdz";
    o.config = model::default_preset("vae-lstm");
    o.config.window = 12;
    o.config.latent = 4;
    o.config.embedding = 8;
    o.config.encoder_hidden = 8;
    o.config.decoder_hidden = 8;
    o.config.decoder_layers = 1;
    o.epochs = 2;
    o.batch_size = 8;
    o.max_steps_per_epoch = 3;
    o.verbose = false;
    return o;
  }
  std::string error_of(const TrainOptions& o) {
    try {
      run_training(o);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(HostileTraining, LossPlotEndsForNaNInfiniteAndHugeRanges) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::vector<double>> cases = {{nan, nan, nan},       {INFINITY, -INFINITY, nan},
                                                  {1e-300, 1e300, 5},    {-1e308, 1e308, 0},
                                                  {1e300, 1e300, 1e300}, {3.0, 3.0, 3.0}};
  for (const auto& values : cases) {
    std::vector<EpochMetrics> history;
    for (double v : values) {
      EpochMetrics m;
      m.epoch = static_cast<int>(history.size()) + 1;
      m.train_total = m.validation_total = m.validation_ce = v;
      history.push_back(m);
    }
    const fs::path png = dir_ / "loss.png";
    write_loss_plot(png, history);  // before the fix, the first case never returned
    EXPECT_GT(fs::file_size(png), 100u);
    fs::remove(png);
  }
}

TEST_F(HostileTraining, DivergingLossStopsWithoutWritingBrokenWeights) {
  TrainOptions o = tiny();
  o.learning_rate = 1e30;
  o.grad_clip = 0;
  const std::string error = error_of(o);
  EXPECT_NE(error.find("training diverged: the training loss became"), std::string::npos) << error;
  EXPECT_NE(error.find("nothing was written"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(o.output));
}

TEST_F(HostileTraining, InvalidValuesAreRefusedBeforeAnyWork) {
  for (int epochs : {0, -3}) {
    TrainOptions o = tiny();
    o.epochs = epochs;
    EXPECT_EQ(error_of(o), "--epochs must be at least 1, got " + std::to_string(epochs));
  }
  TrainOptions o = tiny();
  o.batch_size = -4;
  EXPECT_EQ(error_of(o), "--batch-size must be at least 1, got -4");
  o = tiny();
  o.learning_rate = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(error_of(o), "--lr must be a finite number > 0");
  o = tiny();
  o.learning_rate = INFINITY;
  EXPECT_EQ(error_of(o), "--lr must be a finite number > 0");
  o = tiny();
  o.output = o.corpus;  // -o over the corpus
  EXPECT_NE(error_of(o).find("is the same file as the input"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "m.cdz"));
}

TEST_F(HostileTraining, StaleTemporaryFileOfAKilledRunIsRemoved) {
  TrainOptions o = tiny();
  o.epochs = 1;
  const fs::path stale = dir_ / ".m.cdz.tmp999999999.1";  // beyond pid_max: never alive
  std::ofstream(stale) << "half a checkpoint";
  run_training(o);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(o.output));
}

}  // namespace
}  // namespace cadenza::train
