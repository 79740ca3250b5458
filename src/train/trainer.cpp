#include "train/trainer.h"

#include <torch/torch.h>

#include <cmath>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

#include "common/allocator.h"
#include "common/atomic_file.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "model/device.h"
#include "model/threads.h"
#include "model/vae_model.h"
#include "train/distributed.h"
#include "train/epoch_loop.h"
#include "train/resume.h"
#include "train/samplers.h"
#include "train/training_checkpoint.h"
#include "train/training_data.h"
#include "train/training_state.h"

namespace cadenza::train {
namespace {

// Values a careless command line can give that would train nothing, or train on garbage:
// refused before anything is read or written, like --batch-size 0.
void validate_options(const TrainOptions& o) {
  if (o.epochs < 1)
    throw std::invalid_argument("--epochs must be at least 1, got " + std::to_string(o.epochs));
  if (o.batch_size < 1)
    throw std::invalid_argument("--batch-size must be at least 1, got " +
                                std::to_string(o.batch_size));
  if (!(std::isfinite(o.learning_rate) && o.learning_rate > 0))
    throw std::invalid_argument("--lr must be a finite number > 0");
  if (!(std::isfinite(o.grad_clip) && o.grad_clip >= 0))
    throw std::invalid_argument("--grad-clip must be a finite number >= 0 (0 = off)");
  if (o.stride < 0) throw std::invalid_argument("--stride must be >= 0 (0 = the window)");
  if (o.max_steps_per_epoch < 0)
    throw std::invalid_argument("--max-steps-per-epoch must be >= 0 (0 = all)");
  if (!(o.validation_fraction > 0 && o.validation_fraction < 1))
    throw std::invalid_argument("--val-fraction must lie in (0, 1)");
  if (o.patience < 0) throw std::invalid_argument("--patience must be >= 0 (0 = never stop)");
  if (o.max_validation_windows < 0)
    throw std::invalid_argument("--max-validation-windows must be >= 0 (0 = all)");
}

std::vector<std::filesystem::path> output_files(const std::filesystem::path& output) {
  return {output, best_checkpoint_path(output), metrics_csv_path(output), loss_plot_path(output)};
}

// Before any data is read: outputs that would overwrite the corpus are refused, the ranks of a
// data-parallel run meet (train/distributed.h; rank 0 alone writes files and prints), the
// output folder is made and this process' memory and threads are set up. Returns the process
// group; nullptr for one process.
std::unique_ptr<DataParallel> prepare_process(TrainOptions& options) {
  for (const auto& output : output_files(options.output))
    refuse_output_over_input(output, {options.corpus});
  std::unique_ptr<DataParallel> group =
      DataParallel::connect(options.distributed, model::parse_device(options.device));
  const bool lead = !group || group->rank() == 0;
  if (!lead) {
    options.verbose = false;
    Progress::set_enabled(false);
  }
  // Temporary files a killed run left beside its outputs (kill -9 mid-write).
  if (lead)
    for (const auto& output : output_files(options.output)) remove_stale_temp_files(output);
  // The folder of the outputs exists before the first epoch, not after it (an hour of
  // training must not end in "cannot create").
  if (options.output.has_parent_path())
    std::filesystem::create_directories(options.output.parent_path());
  // A training step allocates and frees the same large activation buffers every time; handing
  // them back to the kernel cost ~10% of a default VAE-LSTM step in page faults
  // (docs/training.md, "Speed"), so up to 1 GiB of freed memory stays.
  keep_freed_memory_for_reuse(std::size_t{1} << 30);
  // Torch threads beyond 1 slow training many times over on 2 cores, while OpenBLAS threads
  // make the matrix products ~1.5x faster (docs/training.md, "Threads").
  if (options.threads > 0) model::set_compute_threads(options.threads, options.blas_threads);
  return group;
}

// Every rank must cut the same global batches: same settings, data, step and data RNG (checked
// by a fingerprint); then every rank takes rank 0's weights.
void start_ranks_together(DataParallel& group, const TrainOptions& options,
                          const model::ModelConfig& config, const Samplers& samplers,
                          const data::Split& split, const TrainingState& state,
                          const std::mt19937_64& data_rng, model::VaeModelImpl& net) {
  nlohmann::json settings = options_json(options);
  settings.erase("corpus");  // the paths may differ between machines; the data may not
  settings.erase("validation_list");
  std::ostringstream fingerprint_text;
  fingerprint_text << settings.dump() << model::to_json(config)
                   << samplers.train.windows_per_epoch() << split.train_tokens() << ' '
                   << split.validation_tokens() << ' ' << state.step << ' ' << data_rng;
  std::uint64_t fingerprint = 14695981039346656037ull;  // FNV-1a: the same on every machine
  for (const char c : fingerprint_text.str())
    fingerprint = (fingerprint ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  group.check_same(static_cast<std::int64_t>(fingerprint),
                   "settings, corpus, or checkpoint (epoch, step, data order)");
  std::vector<torch::Tensor> tensors = net.parameters();
  for (const auto& buffer : net.buffers()) tensors.push_back(buffer);
  group.broadcast(tensors);
}

}  // namespace

std::filesystem::path best_checkpoint_path(const std::filesystem::path& output) {
  auto p = output;
  return p.replace_extension(".best" + output.extension().string());
}
std::filesystem::path metrics_csv_path(const std::filesystem::path& output) {
  auto p = output;
  return p.replace_extension(".metrics.csv");
}
std::filesystem::path loss_plot_path(const std::filesystem::path& output) {
  auto p = output;
  return p.replace_extension(".loss.png");
}

TrainSummary run_training(const TrainOptions& requested) {
  TrainOptions options = requested;
  validate_options(options);
  const std::unique_ptr<DataParallel> group = prepare_process(options);
  const torch::Device device = model::parse_device(options.device);

  TrainingCorpus corpus = read_training_corpus(options.corpus);
  StartingPoint start = find_starting_point(requested, options, corpus.corpus, *corpus.tokenizer);
  const model::ModelConfig& config = start.config;
  const bool genre_model = is_genre_model(corpus, start.vocab, options.corpus);
  const data::Split split = split_training_corpus(corpus, start.vocab, options);
  const std::int64_t per_example = model::make_model(config)->predictions_per_example();
  const Samplers samplers =
      make_samplers(split, start.vocab, config, {corpus.remi, genre_model, per_example}, options);

  torch::manual_seed(options.seed);
  model::VaeModel net = model::make_model(config);  // initialised from the seed
  if (!options.init_from.empty() && !options.resume)
    initialise_from_checkpoint(*net, options.init_from, start.vocab);
  net->to(device);
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(options.learning_rate));
  std::mt19937_64 data_rng(options.seed);
  if (options.resume)
    restore_training_state(start.checkpoint, options.output, device, *net, optimizer,
                           start.state.data_rng, data_rng);
  if (group)
    start_ranks_together(*group, options, config, samplers, split, start.state, data_rng, *net);

  TrainSummary summary;
  summary.vocab_size = start.vocab.size();
  summary.train_tokens = split.train_tokens();
  summary.validation_tokens = split.validation_tokens();
  summary.split_method = split.method;
  const EpochLoop loop{options,   config, start.vocab, samplers,    *net,
                       optimizer, device, per_example, group.get(), !group || group->rank() == 0};
  summary.stopped_early = run_epochs(loop, start.state, data_rng);
  if (group) group->barrier();  // rank 0's last files are written when every rank returns
  summary.history = start.state.history;
  summary.best_epoch = start.state.best_epoch;
  return summary;
}

}  // namespace cadenza::train
