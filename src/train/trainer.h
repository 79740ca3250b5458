#pragma once
// Training a VAE on a token corpus (no torch in this header: the CLI includes it).
//
//   TrainOptions options;  options.corpus = "jazz.txt";  options.output = "model.cdz";
//   options.config = model::default_preset("vae-lstm");
//   TrainSummary summary = train::run_training(options);
//
// Each epoch writes <output> (the latest state, for --resume), <stem>.best.cdz when
// validation CE improved (weights only, for generation: no optimizer state), <stem>.metrics.csv and
// <stem>.loss.png, all atomically.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/config.h"
#include "train/metrics.h"

namespace cadenza::train {

// Data-parallel training over processes (torch.distributed's c10d: Gloo on CPU, NCCL on CUDA;
// docs/distributed.md). world_size 1 = one process, no process group.
struct DistributedOptions {
  int world_size = 1;
  int rank = 0;        // 0 writes the checkpoints, metrics and plot, and prints
  int local_rank = 0;  // rank on this machine (cuda:local_rank with --device cuda)
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;      // the TCPStore of the rendezvous
  double timeout_seconds = 60;  // rendezvous, connecting, and every collective
  // The store is served by the `--nproc` launcher (torchrun's TORCHELASTIC_USE_AGENT_STORE):
  // every rank is a client, and the launcher's report of a dead worker is read from it.
  bool agent_store = false;
  // Gradients are all-reduced in buckets of at most this many MiB (DDP's bucket_cap_mb).
  double bucket_megabytes = 25;
  // Each bucket's all-reduce starts while backward still runs (as DDP does), not after it.
  bool overlap_allreduce = false;
};

struct TrainOptions {
  std::filesystem::path corpus;
  std::filesystem::path output = "model.cdz";
  model::ModelConfig config;  // vocab_size is filled in from the corpus
  int epochs = 20;
  std::int64_t batch_size = 32;
  double learning_rate = 2e-3;
  double grad_clip = 1.0;   // max gradient norm; 0 = off
  std::int64_t stride = 0;  // between training windows; 0 = window (1 for the paper LSTM)
  std::int64_t max_steps_per_epoch = 0;  // 0 = every window once
  double validation_fraction = 0.1;
  // Documents named here validate, the rest train (data::split_corpus_by_list); else a fixed
  // `validation_fraction` of the documents.
  std::filesystem::path validation_list;
  std::int64_t max_validation_windows = 0;  // evenly spaced subset per epoch; 0 = all
  int patience = 3;  // epochs without a better validation CE before stopping; 0 = never
  std::uint64_t seed = 1;
  int threads = 1;             // torch intra-op threads (more hurt on 2 cores: docs/training.md)
  int blas_threads = 0;        // OpenBLAS threads for the matrix products; 0 = all cores
  std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
  bool augment_transpose = false;  // REMI: pitched instruments only, drums stay
  bool resume = false;             // continue from `output`, keeping its config and vocabulary
  // Start from this model's weights (same architecture; its vocabulary starts the new one).
  std::filesystem::path init_from;
  bool verbose = true;  // one line per epoch on stdout
  DistributedOptions distributed;
};

struct TrainSummary {
  std::vector<EpochMetrics> history;
  int best_epoch = 0;
  bool stopped_early = false;
  std::size_t vocab_size = 0, train_tokens = 0, validation_tokens = 0;
  std::string split_method;
};

// Throws std::runtime_error / std::invalid_argument with a message naming the file and what
// was wrong (empty corpus, corpus shorter than a window, bad checkpoint, ...).
TrainSummary run_training(const TrainOptions& options);

// Paths written beside the checkpoint.
std::filesystem::path best_checkpoint_path(const std::filesystem::path& output);
std::filesystem::path metrics_csv_path(const std::filesystem::path& output);
std::filesystem::path loss_plot_path(const std::filesystem::path& output);

}  // namespace cadenza::train
