// Data parallel training is the same optimisation as one process (docs/distributed.md): after
// K steps, `cadenza train --nproc 2` (two processes, Gloo over loopback, B/2 windows each) ends
// with the parameters of one process with batch B, for every model kind.
//
// What makes it exact: every rank builds the same global batch from the same data RNG and keeps
// its block of rows; gradients are summed after each rank scaled its loss by its share of the
// batch. Randomness inside the model: dropout is off (--dropout 0; a rank draws masks for its
// own rows only, so with dropout the runs are statistically, not numerically, equal). The VAEs'
// reparameterisation noise stays ON: each rank draws the noise of the whole global batch from
// the shared torch generator and keeps its rows, so example i gets the same eps as in one
// process - a per-example draw from the global seed, without a second generator. Free bits are
// off (--free-bits 0): they clamp the batch-mean KL, which is not a sum over examples, so two
// half batches would clamp differently from one whole batch.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "model/vae_model.h"

namespace cadenza::train {
namespace {
namespace fs = std::filesystem;

class DistributedTrainingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_distributed_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Random notes in the paper's tokens, one per line.
  fs::path paper_corpus() {
    fs::path path = dir_ / "paper.txt";
    std::ofstream out(path);
    std::mt19937 rng(7);
    const char* notes[] = {"C4", "E4", "G4", "C5", "D4", "F4", "A4", "B3"};
    for (int i = 0; i < paper_tokens_; ++i) out << notes[rng() % 8] << '\n';
    return path;
  }
  int paper_tokens_ = 2000;
  // Twelve REMI documents of four bars of four random notes.
  fs::path remi_corpus() {
    fs::path path = dir_ / "remi.txt";
    std::ofstream out(path);
    std::mt19937 rng(7);
    out << "#cadenza-corpus 1\n";
    for (int doc = 0; doc < 12; ++doc) {
      out << "@doc piece_" << doc << ".mid\n";
      for (int bar = 0; bar < 4; ++bar) {
        out << "Bar_None\n";
        for (int position : {0, 8, 16, 24})
          out << "Position_" << position << "\nProgram_0\nPitch_" << 55 + rng() % 20
              << "\nVelocity_63\nDuration_1.0.8\n";
      }
    }
    return path;
  }

  std::string command(const std::string& kind, const fs::path& output, const std::string& more) {
    const bool remi = kind == "transformer" || kind == "lstm";
    return std::string(CADENZA_PROGRAM) + " train --model " + kind + " --corpus " +
           (remi ? remi_corpus() : paper_corpus()).string() + " -o " + output.string() +
           " --window 12 --latent 4 --embedding 16 --encoder-hidden 24 --decoder-hidden 32"
           " --model-dim 16 --heads 2 --feed-forward 32 --dropout 0 --free-bits 0"
           " --kl-anneal-steps 4 --max-steps-per-epoch 3 --lr 1e-3"
           " --patience 0 --seed 11 --threads 1 --blas-threads 1 --quiet " +
           (more.find("--stride") == std::string::npos ? "--epochs 2 --stride 5 " : "") + more +
           " > " + (dir_ / "log.txt").string() + " 2>&1";
  }

  void run(const std::string& line) {
    const int status = std::system(line.c_str());
    std::ifstream log(dir_ / "log.txt");
    const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << line << "\n" << text;
  }

  static torch::Tensor flat_parameters(model::VaeModelImpl& net) {
    std::vector<torch::Tensor> flat;
    for (const auto& p : net.parameters()) flat.push_back(p.detach().reshape({-1}));
    return torch::cat(flat).to(torch::kFloat64);
  }

  // ||a - b|| / ||a|| over every parameter of the two checkpoints, and how far training moved
  // the weights from their seeded initialisation (so that equal results are not untrained).
  void compare(const std::string& kind, const std::string& one_process,
               const std::string& several) {
    run(command(kind, dir_ / "one.cdz", one_process));
    run(command(kind, dir_ / "two.cdz", several));
    auto one = model::load_model(dir_ / "one.cdz", torch::kCPU);
    auto two = model::load_model(dir_ / "two.cdz", torch::kCPU);
    torch::manual_seed(11);  // the trainer's initialisation
    model::VaeModel initial = model::make_model(one.config);
    const torch::Tensor a = flat_parameters(*one.model), b = flat_parameters(*two.model);
    const double difference = ((a - b).norm() / a.norm()).item<double>();
    const double moved = ((a - flat_parameters(*initial)).norm() / a.norm()).item<double>();
    std::printf("%s (%s): relative difference %.3g, weights moved %.3g\n", kind.c_str(),
                several.c_str(), difference, moved);
    EXPECT_LE(difference, 1e-5) << kind;
    EXPECT_GT(moved, 1e-3) << kind << ": training did not move the weights";
  }

  fs::path dir_;
};

TEST_P(DistributedTrainingTest, TwoProcessesWithHalfBatchesEqualOneProcess) {
  compare(GetParam(), "--batch-size 8", "--batch-size 8 --nproc 2");
}

INSTANTIATE_TEST_SUITE_P(EveryModelKind, DistributedTrainingTest,
                         ::testing::Values("vae-lstm", "vae-transformer", "transformer", "lstm"));

// The all-reduce overlapped with backward (--overlap-allreduce on) is the same sum. 4 KiB
// buckets split these small models (tens of KB of parameters) into several, so the buckets
// start one by one while backward runs.
class OverlappedAllReduceTest : public DistributedTrainingTest {};

TEST_P(OverlappedAllReduceTest, TwoProcessesWithOverlapEqualOneProcess) {
  compare(GetParam(), "--batch-size 8",
          "--batch-size 8 --nproc 2 --overlap-allreduce on --bucket-mb 0.004");
}

INSTANTIATE_TEST_SUITE_P(LstmAndTransformer, OverlappedAllReduceTest,
                         ::testing::Values("vae-lstm", "transformer"));

// Three ranks of a batch of 7 hold 2, 2 and 3 windows: the shares weight their gradients.
TEST_F(DistributedTrainingTest, UnevenShardsEqualOneProcess) {
  compare("vae-lstm", "--batch-size 7", "--batch-size 7 --nproc 3");
}

// 140 tokens, stride 100: 126 training tokens hold 1 or 2 windows per epoch, so 3 ranks of a
// batch of 8 always leave one rank without rows. It computes a row with weight 0 and keeps its
// random draws in step: the VAE noise of later epochs still equals one process's.
TEST_F(DistributedTrainingTest, RankWithoutRowsKeepsInStep) {
  paper_tokens_ = 140;
  compare("vae-lstm", "--batch-size 8 --stride 100 --epochs 4",
          "--batch-size 8 --stride 100 --epochs 4 --nproc 3");
}

}  // namespace
}  // namespace cadenza::train
