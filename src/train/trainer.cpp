#include "train/trainer.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <dlfcn.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/allocator.h"
#include "common/atomic_file.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "common/threads.h"
#include "data/batches.h"
#include "data/remi_transpose.h"
#include "data/split.h"
#include "data/transpose.h"
#include "model/checkpoint_file.h"
#include "model/device.h"
#include "model/threads.h"
#include "model/vae_model.h"
#include "tokens/corpus.h"
#include "tokens/remi_corpus.h"
#include "tokens/tokenizer.h"
#include "tokens/vocab.h"
#include "train/distributed.h"

namespace cadenza::train {
namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// --init-from: the weights of a trained model of the same architecture whose vocabulary starts
// the new one (e.g. the jazz model for a genre model: MidiTok's tokens, then genre tokens).
// Rows of the token embedding past the old vocabulary keep their fresh initialisation.
void initialise_from_checkpoint(model::VaeModelImpl& net, const std::filesystem::path& path,
                                const tokens::Vocab& vocab) {
  const model::CheckpointSections sections = model::read_checkpoint_file(path);
  const model::ModelConfig old_config =
      model::model_config_from_json(model::checkpoint_section(sections, "config", path));
  model::ModelConfig same = old_config;
  same.vocab_size = net.config().vocab_size;
  if (model::to_json(same) != model::to_json(net.config()))
    throw std::runtime_error(path.string() +
                             ": --init-from needs a model of the same kind and size (only the "
                             "vocabulary may grow); it holds " +
                             model::to_json(old_config));
  const tokens::Vocab old_vocab = model::checkpoint_vocab(sections, path);
  const auto old_size = static_cast<std::int64_t>(old_vocab.size());
  for (std::int64_t id = 0; id < old_size; ++id)
    if (id >= static_cast<std::int64_t>(vocab.size()) || vocab.token(id) != old_vocab.token(id))
      throw std::runtime_error(path.string() +
                               ": its vocabulary is not the start of the new one (token " +
                               std::to_string(id) + " is " + old_vocab.token(id) + ")");
  model::VaeModel old = model::make_model(old_config);
  model::load_module(*old, model::checkpoint_section(sections, "weights", path), torch::kCPU);
  torch::NoGradGuard no_grad;
  const auto old_parameters = old->named_parameters();
  for (auto& item : net.named_parameters()) {
    const torch::Tensor* source = old_parameters.find(item.key());
    if (!source) throw std::runtime_error(path.string() + ": has no parameter " + item.key());
    torch::Tensor target = item.value();
    if (source->sizes() == target.sizes())
      target.copy_(*source);
    else if (source->dim() == target.dim() && source->size(0) < target.size(0) &&
             source->sizes().slice(1) == target.sizes().slice(1))
      target.narrow(0, 0, source->size(0)).copy_(*source);
    else
      throw std::runtime_error(path.string() + ": parameter " + item.key() + " has another shape");
  }
}

// Everything besides the weights that --resume needs to continue exactly.
struct TrainingState {
  int epochs_done = 0;
  std::int64_t step = 0;
  std::string data_rng;  // std::mt19937_64 state as text
  double best_validation_ce = INFINITY;
  int best_epoch = 0, bad_epochs = 0;
  std::vector<EpochMetrics> history;
};

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

std::string save_optimizer(torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive archive;
  optimizer.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void load_optimizer(torch::optim::Optimizer& optimizer, const std::string& bytes,
                    const torch::Device& device) {
  std::istringstream in(bytes);
  torch::serialize::InputArchive archive;
  archive.load_from(in, device);
  optimizer.load(archive);
}

std::string save_torch_rng() {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  torch::Tensor state = generator.get_state();
  return std::string(static_cast<const char*>(state.data_ptr()),
                     static_cast<std::size_t>(state.numel()));
}

void load_torch_rng(const std::string& bytes) {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  torch::Tensor state = torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
  std::copy(bytes.begin(), bytes.end(), static_cast<char*>(state.data_ptr()));
  generator.set_state(state);
}

}  // namespace

namespace {

torch::Tensor to_tensor(const data::Batch& batch, const torch::Device& device) {
  torch::Tensor cpu = torch::from_blob(const_cast<std::int64_t*>(batch.ids.data()),
                                       {static_cast<std::int64_t>(batch.rows),
                                        static_cast<std::int64_t>(batch.length)},
                                       torch::kInt64)
                          .clone();
  return device.is_cpu() ? cpu : cpu.to(device);
}

void write_checkpoint(const std::filesystem::path& path, const model::ModelConfig& config,
                      const tokens::Vocab& vocab, model::VaeModelImpl& net,
                      torch::optim::Optimizer& optimizer, const TrainOptions& options,
                      const TrainingState& state, bool for_resume) {
  std::string vocab_text;
  for (const auto& t : vocab.tokens()) vocab_text += t + '\n';
  nlohmann::json training = {{"epochs_done", state.epochs_done},
                             {"step", state.step},
                             {"data_rng", state.data_rng},
                             {"best_validation_ce", state.best_validation_ce},
                             {"best_epoch", state.best_epoch},
                             {"bad_epochs", state.bad_epochs},
                             {"options", options_json(options)},
                             {"history", nlohmann::json::parse(metrics_to_json(state.history))}};
  model::CheckpointSections sections = {{"config", model::to_json(config)},
                                        {"vocab", vocab_text},
                                        {"training", training.dump()},
                                        {"weights", model::save_module(net)}};
  if (for_resume) {  // the best checkpoint is for generation: no optimizer state (2/3 of it)
    sections["optimizer"] = save_optimizer(optimizer);
    sections["torch_rng"] = save_torch_rng();
  }
  model::write_checkpoint_file(path, sections);
}

struct Sums {
  double reconstruction = 0, kl = 0, total = 0, ce = 0, correct = 0;
  double predictions = 0, examples = 0;
};

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

// --resume continues with the checkpoint's model and training settings. Settings given now that
// differ from them (a value that is neither the checkpoint's nor the preset's or the default)
// are ignored, and another corpus is trained on: both deserve a word instead of silence.
void warn_about_resume_differences(const TrainOptions& requested,
                                   const model::ModelConfig& checkpoint_config,
                                   const nlohmann::json& checkpoint_options) {
  std::vector<std::string> ignored;
  const auto compare = [&](const nlohmann::json& given, const nlohmann::json& stored,
                           const nlohmann::json& defaults, const std::string& skip) {
    for (const auto& [key, value] : given.items()) {
      if (key == skip || !stored.contains(key) || stored[key] == value) continue;
      if (defaults.contains(key) && defaults[key] == value) continue;  // probably not typed
      ignored.push_back(key + " " + value.dump() + " (checkpoint: " + stored[key].dump() + ")");
    }
  };
  const auto config_json = [](const model::ModelConfig& c) {
    return nlohmann::json::parse(model::to_json(c));
  };
  nlohmann::json presets = config_json(model::default_preset(checkpoint_config.kind));
  compare(config_json(requested.config), config_json(checkpoint_config), presets, "vocab_size");
  TrainOptions defaults;
  defaults.corpus = requested.corpus;  // options_json makes it absolute; "" cannot be
  compare(options_json(requested), checkpoint_options, options_json(defaults), "corpus");
  if (!ignored.empty()) {
    std::string list;
    for (const auto& item : ignored) list += (list.empty() ? "" : ", ") + item;
    std::fprintf(stderr, "cadenza train: warning: --resume keeps the settings of %s; ignored: %s\n",
                 requested.output.string().c_str(), list.c_str());
  }
  const std::string corpus =
      std::filesystem::absolute(requested.corpus).lexically_normal().string();
  if (checkpoint_options.contains("corpus") && checkpoint_options["corpus"].is_string() &&
      checkpoint_options["corpus"].get<std::string>() != corpus)
    std::fprintf(stderr,
                 "cadenza train: warning: --resume trains on %s, but %s was trained on %s\n",
                 corpus.c_str(), requested.output.string().c_str(),
                 checkpoint_options["corpus"].get<std::string>().c_str());
}

// A loss that is NaN or infinite never comes back: stop with the reason, before the broken
// weights reach any file (the checkpoints on disk stay those of the last good epoch).
void check_finite_loss(double loss, const char* what, int epoch, std::int64_t step,
                       const TrainOptions& options, const TrainingState& state) {
  if (std::isfinite(loss)) return;
  char value[32];
  std::snprintf(value, sizeof value, "%g", loss);
  const std::string kept = state.epochs_done > 0
                               ? options.output.string() + " keeps epoch " +
                                     std::to_string(state.epochs_done) + ", the last good one"
                               : "nothing was written";
  throw std::runtime_error("training diverged: the " + std::string(what) + " became " + value +
                           " in epoch " + std::to_string(epoch) + " (step " + std::to_string(step) +
                           "); " + kept +
                           ". Try a smaller --lr (e.g. 1e-3) or keep --grad-clip on");
}

// One step's backward; returns its mean reconstruction, KL and total. With several ranks each
// scales its loss by its share of the global batch, so the gradients summed over the ranks (in
// buckets overlapped with backward, or after it: DataParallel::before_backward) are the global
// batch's mean; the loss means ride in the last bucket and come back summed, so every rank
// checks the same global loss.
torch::Tensor backward_step(const model::LossParts& loss, double share, DataParallel* group,
                            const std::vector<torch::Tensor>& parameters) {
  torch::Tensor losses = torch::stack({loss.reconstruction, loss.kl, loss.total}).detach();
  if (!group) {
    loss.total.backward();
    return losses;
  }
  losses = losses * share;
  group->before_backward(parameters, losses);
  (loss.total * share).backward();
  return group->after_backward(parameters, losses);
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
  for (const auto& output : {options.output, best_checkpoint_path(options.output),
                             metrics_csv_path(options.output), loss_plot_path(options.output)})
    refuse_output_over_input(output, {options.corpus});
  // Data parallel (train/distributed.h): rank 0 alone writes files and prints.
  std::unique_ptr<DataParallel> group =
      DataParallel::connect(options.distributed, model::parse_device(options.device));
  const bool lead = !group || group->rank() == 0;
  if (!lead) {
    options.verbose = false;
    Progress::set_enabled(false);
  }
  // Temporary files a killed run left beside its outputs (kill -9 mid-write).
  if (lead)
    for (const auto& output : {options.output, best_checkpoint_path(options.output),
                               metrics_csv_path(options.output), loss_plot_path(options.output)})
      remove_stale_temp_files(output);
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
  const torch::Device device = model::parse_device(options.device);

  tokens::Corpus corpus = tokens::read_corpus(options.corpus);
  if (corpus.token_count() == 0)
    throw std::runtime_error(options.corpus.string() + ": the corpus has no tokens");
  const auto tokenizer = tokens::corpus_tokenizer(corpus);
  const bool remi = tokenizer->name() == "remi";
  std::vector<std::string> genres;  // of the corpus' genre tokens
  if (remi) {
    try {
      genres = tokens::corpus_genres(corpus);
    } catch (const std::exception& e) {
      throw std::runtime_error(options.corpus.string() + ": " + e.what());
    }
  }

  model::ModelConfig config = options.config;
  tokens::Vocab vocab;
  TrainingState state;
  model::CheckpointSections resumed;
  if (options.resume) {
    resumed = model::read_checkpoint_file(options.output);
    auto loaded_config =
        model::model_config_from_json(model::checkpoint_section(resumed, "config", options.output));
    if (loaded_config.kind != config.kind)
      throw std::runtime_error(options.output.string() + ": checkpoint holds a " +
                               loaded_config.kind + ", not a " + config.kind);
    if (loaded_config.tokens != tokenizer->name())
      throw std::runtime_error(options.output.string() + ": the checkpoint was trained on " +
                               loaded_config.tokens + " tokens, " + options.corpus.string() +
                               " holds " + tokenizer->name() + " tokens");
    config = loaded_config;
    vocab = model::checkpoint_vocab(resumed, options.output);
    try {
      auto training =
          nlohmann::json::parse(model::checkpoint_section(resumed, "training", options.output));
      warn_about_resume_differences(requested, loaded_config, training.at("options"));
      apply_options_json(training.at("options"), options);
      state.epochs_done = training.at("epochs_done").get<int>();
      state.step = training.at("step").get<std::int64_t>();
      state.data_rng = training.at("data_rng").get<std::string>();
      state.best_validation_ce = training.at("best_validation_ce").is_null()
                                     ? INFINITY
                                     : training.at("best_validation_ce").get<double>();
      state.best_epoch = training.at("best_epoch").get<int>();
      state.bad_epochs = training.at("bad_epochs").get<int>();
      state.history = metrics_from_json(training.at("history").dump());
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(options.output.string() + ": bad training section: " + e.what());
    }
  } else if (remi) {
    if (config.paper)
      throw std::invalid_argument("--preset paper trains on the paper's tokens; " +
                                  options.corpus.string() + " holds REMI tokens");
    vocab = tokenizer->vocabulary(corpus);  // MidiTok's ids, then the genres'
    config.tokens = tokenizer->name();
    config.vocab_size = static_cast<std::int64_t>(vocab.size());
  } else {
    if (config.kind == "transformer" || config.kind == "lstm")
      throw std::invalid_argument("the " + config.kind + " language model reads REMI tokens; " +
                                  options.corpus.string() +
                                  " holds the paper's tokens (make a REMI corpus with `cadenza "
                                  "tokenize --format remi`)");
    vocab = tokenizer->vocabulary(corpus);
    config.vocab_size = static_cast<std::int64_t>(vocab.size());
  }
  config.validate();
  // A genre model's windows open with their document's genre token (tokens/remi_corpus.h).
  const bool genre_model = remi && !tokens::vocab_genres(vocab).empty();
  if (remi && genre_model == genres.empty())
    throw std::runtime_error(options.corpus.string() +
                             (genre_model ? ": the checkpoint is a genre model, the corpus has no "
                                            "genre tokens (tokenize with --genre)"
                                          : ": the corpus has genre tokens, the checkpoint's "
                                            "vocabulary has none"));
  const std::size_t prefix = genre_model ? 1 : 0;
  std::vector<std::string> removed;
  if (remi) {
    // cadenza's extensions (a time signature MidiTok lacks, ...) are no ids of the model.
    removed = tokens::remove_documents_outside(corpus, vocab);
    if (!removed.empty() && options.verbose)
      std::fprintf(stderr,
                   "cadenza train: %zu documents hold tokens outside MidiTok's REMI vocabulary "
                   "and are left out (first: %s)\n",
                   removed.size(), removed.front().c_str());
  }

  data::Split split;
  try {
    split = options.validation_list.empty()
                ? data::split_corpus(corpus, vocab, options.validation_fraction)
                : data::split_corpus_by_list(corpus, vocab, options.validation_list, removed);
  } catch (const std::out_of_range& e) {
    throw std::runtime_error(options.corpus.string() + ": " + e.what() +
                             " (the checkpoint's vocabulary does not cover this corpus)");
  }
  model::VaeModel net = model::make_model(config);
  const std::int64_t per_example = net->predictions_per_example();
  const auto length = static_cast<std::size_t>(config.example_length());
  const std::size_t stride = options.stride > 0 ? static_cast<std::size_t>(options.stride)
                             : per_example == 1 ? 1
                                                : static_cast<std::size_t>(config.window);
  // Validation windows never overlap... except for the paper LSTM, which predicts one token
  // per window: there, every tenth window keeps validation affordable.
  const std::size_t validation_stride =
      per_example == 1 ? std::max<std::size_t>(1, static_cast<std::size_t>(config.window) / 10)
                       : static_cast<std::size_t>(config.window);
  // REMI windows start at a Bar token, so every example begins where music can begin.
  const auto bar_anchors = [&](const std::vector<data::Sequence>& sequences) {
    std::vector<std::vector<std::size_t>> anchors;
    if (!remi) return anchors;
    const std::int64_t bar = vocab.id("Bar_None");
    for (const auto& sequence : sequences) {
      anchors.emplace_back();
      for (std::size_t i = 0; i < sequence.size(); ++i)
        if (sequence[i] == bar) anchors.back().push_back(i);
    }
    return anchors;
  };
  auto make_sampler = [&](const std::vector<data::Sequence>& sequences, std::size_t step_size,
                          const char* part, std::size_t tokens) {
    try {
      return data::WindowSampler(sequences, length, step_size, bar_anchors(sequences), prefix);
    } catch (const std::invalid_argument&) {
      throw std::runtime_error(
          options.corpus.string() + ": the " + part + " split has " + std::to_string(tokens) +
          " tokens in its longest piece, shorter than one example of " + std::to_string(length) +
          " tokens (window " + std::to_string(config.window) +
          " + 1); use a longer corpus or a smaller --window");
    }
  };
  // A genre model's epochs weigh every genre the same (jazz has 8x folk's tokens).
  std::vector<std::size_t> genre_of_train;
  if (genre_model) {
    const std::int64_t first_genre =
        vocab.id(tokens::genre_token(tokens::vocab_genres(vocab).front()));
    for (const data::Sequence& sequence : split.train)
      genre_of_train.push_back(static_cast<std::size_t>(sequence.front() - first_genre));
  }
  data::WindowSampler train_windows =
      make_sampler(split.train, stride, "training", split.train_tokens());
  data::WindowSampler validation_windows =
      make_sampler(split.validation, validation_stride, "validation", split.validation_tokens());
  std::unique_ptr<data::Augmenter> transposer;
  if (options.augment_transpose && remi)
    transposer = std::make_unique<data::RemiTransposer>(vocab);
  else if (options.augment_transpose)
    transposer = std::make_unique<data::Transposer>(vocab);

  torch::manual_seed(options.seed);
  net = model::make_model(config);  // initialised from the seed
  if (!options.init_from.empty() && !options.resume)
    initialise_from_checkpoint(*net, options.init_from, vocab);
  net->to(device);
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(options.learning_rate));
  std::mt19937_64 data_rng(options.seed);
  if (options.resume) {
    try {
      model::load_module(*net, model::checkpoint_section(resumed, "weights", options.output),
                         device);
      load_optimizer(optimizer, model::checkpoint_section(resumed, "optimizer", options.output),
                     device);
    } catch (const std::exception& e) {
      std::string what = e.what();
      throw std::runtime_error(options.output.string() + ": cannot restore the training state: " +
                               what.substr(0, what.find('\n')));
    }
    load_torch_rng(model::checkpoint_section(resumed, "torch_rng", options.output));
    std::istringstream(state.data_rng) >> data_rng;
  }
  if (group) {
    // Every rank must cut the same global batches: same settings, data, step and data RNG.
    nlohmann::json settings = options_json(options);
    settings.erase("corpus");  // the paths may differ between machines; the data may not
    settings.erase("validation_list");
    std::ostringstream fingerprint_text;
    fingerprint_text << settings.dump() << model::to_json(config)
                     << train_windows.windows_per_epoch() << split.train_tokens() << ' '
                     << split.validation_tokens() << ' ' << state.step << ' ' << data_rng;
    std::uint64_t fingerprint = 14695981039346656037ull;  // FNV-1a: the same on every machine
    for (const char c : fingerprint_text.str())
      fingerprint = (fingerprint ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    group->check_same(static_cast<std::int64_t>(fingerprint),
                      "settings, corpus, or checkpoint (epoch, step, data order)");
    std::vector<torch::Tensor> tensors = net->parameters();
    for (const auto& buffer : net->buffers()) tensors.push_back(buffer);
    group->broadcast(tensors);
  }

  TrainSummary summary;
  summary.vocab_size = vocab.size();
  summary.train_tokens = split.train_tokens();
  summary.validation_tokens = split.validation_tokens();
  summary.split_method = split.method;
  const auto batch_rows = static_cast<std::size_t>(options.batch_size);
  if (batch_rows == 0) throw std::invalid_argument("--batch-size must be at least 1");
  double elapsed_before = state.history.empty() ? 0.0 : state.history.back().elapsed_seconds;

  for (int epoch = state.epochs_done + 1; epoch <= options.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    EpochMetrics metrics;
    metrics.epoch = epoch;

    // Training.
    net->train();
    std::vector<data::WindowStart> starts = train_windows.epoch(&data_rng);
    if (genre_model) starts = data::take_turns(starts, genre_of_train);
    std::size_t steps = (starts.size() + batch_rows - 1) / batch_rows;
    if (options.max_steps_per_epoch > 0)
      steps = std::min(steps, static_cast<std::size_t>(options.max_steps_per_epoch));
    Progress progress("epoch " + std::to_string(epoch) + "/" + std::to_string(options.epochs),
                      steps, "batches");
    Sums train;
    double train_input_tokens = 0;
    torch::Tensor recon_sum = torch::zeros({}, device), kl_sum = torch::zeros({}, device),
                  total_sum = torch::zeros({}, device);
    for (std::size_t s = 0; s < steps; ++s) {
      // The global batch: with several ranks each builds it (the same data RNG draws on every
      // rank) and computes its own block of rows.
      data::Batch batch =
          train_windows.batch(starts, s * batch_rows, batch_rows, transposer.get(), &data_rng);
      torch::Tensor examples = to_tensor(batch, device);
      auto [first_row, rows] =
          group ? group->shard(batch.rows) : std::pair<std::size_t, std::size_t>(0, batch.rows);
      const double share = static_cast<double>(rows) / static_cast<double>(batch.rows);
      if (rows == 0) {  // a short last batch left this rank none: it computes the last row
        first_row = batch.rows - 1;  // with weight 0, so its random draws keep in step with
        rows = 1;                    // the other ranks' (the same generator state everywhere)
      }
      if (group) {
        examples = examples.narrow(0, static_cast<std::int64_t>(first_row),
                                   static_cast<std::int64_t>(rows));
        net->noise = [&, first_row = first_row, rows = rows](const torch::Tensor& mu) {
          std::vector<std::int64_t> shape = mu.sizes().vec();
          shape[0] = static_cast<std::int64_t>(batch.rows);
          return torch::randn(shape, mu.options())
              .narrow(0, static_cast<std::int64_t>(first_row), static_cast<std::int64_t>(rows));
        };
      }
      const double beta = model::kl_weight(state.step, config.kl_anneal_steps);
      optimizer.zero_grad();
      model::VaeOutput out = net->forward(examples, /*sample_z=*/true);
      model::LossParts loss = model::vae_loss(out, beta, config.free_bits, per_example);
      // The global batch's mean reconstruction, KL and total.
      const torch::Tensor losses = backward_step(loss, share, group.get(), net->parameters());
      if (options.grad_clip > 0)
        torch::nn::utils::clip_grad_norm_(net->parameters(), options.grad_clip);
      optimizer.step();
      ++state.step;
      recon_sum += losses[0];
      kl_sum += losses[1];
      total_sum += losses[2];
      train.examples += 1;  // counts batches here: the sums are batch means
      train_input_tokens += static_cast<double>(batch.rows * (batch.length - 1));
      if (s % 10 == 0 || s + 1 == steps) {  // item() waits for the GPU: not every step
        const double total = losses[2].item<double>();
        check_finite_loss(total, "training loss", epoch, state.step, options, state);
        char message[80];
        std::snprintf(message, sizeof message, "loss %.3f (CE %.3f, KL %.2f)", total,
                      losses[0].item<double>(), losses[1].item<double>());
        progress.set_message(message);
      }
      progress.advance();
    }
    progress.finish();
    net->noise = nullptr;
    const double train_seconds = seconds_since(epoch_start);
    metrics.train_reconstruction = recon_sum.item<double>() / std::max(1.0, train.examples);
    metrics.train_kl = kl_sum.item<double>() / std::max(1.0, train.examples);
    metrics.train_total = total_sum.item<double>() / std::max(1.0, train.examples);
    metrics.kl_weight = model::kl_weight(state.step, config.kl_anneal_steps);
    metrics.train_tokens_per_second = train_input_tokens / std::max(1e-9, train_seconds);

    // Validation: z = mu, no dropout; KL at full weight and without free bits.
    {
      torch::NoGradGuard no_grad;
      net->eval();
      std::vector<data::WindowStart> val_starts = validation_windows.epoch(nullptr);
      const auto cap = static_cast<std::size_t>(options.max_validation_windows);
      if (cap > 0 && val_starts.size() > cap) {  // evenly spaced, the same every epoch
        std::vector<data::WindowStart> subset;
        for (std::size_t k = 0; k < cap; ++k)
          subset.push_back(val_starts[k * val_starts.size() / cap]);
        val_starts.swap(subset);
      }
      Sums val;
      std::size_t batch_index = 0;
      for (std::size_t first = 0; first < val_starts.size(); first += batch_rows) {
        // Whole batches round robin over the ranks, so the sums equal one process's.
        if (group && batch_index++ % static_cast<std::size_t>(group->size()) !=
                         static_cast<std::size_t>(group->rank()))
          continue;
        data::Batch batch = validation_windows.batch(val_starts, first, batch_rows);
        torch::Tensor examples = to_tensor(batch, device);
        model::VaeOutput out = net->forward(examples, /*sample_z=*/false);
        const double rows = static_cast<double>(batch.rows);
        const double n = static_cast<double>(out.targets.size(0));
        val.reconstruction +=
            torch::nn::functional::cross_entropy(out.logits, out.targets).item<double>() * n;
        val.kl += model::kl_divergence(out.mu, out.logvar).sum().item<double>();
        val.examples += rows;
        val.predictions += n;
        torch::Tensor logits = out.logits, targets = out.targets;
        if (config.paper && config.kind == "vae-transformer")
          std::tie(logits, targets) = net->next_token_predictions(examples);
        val.ce += torch::nn::functional::cross_entropy(
                      logits, targets,
                      torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                      .item<double>();
        val.correct += logits.argmax(1).eq(targets).sum().item<double>();
        val.total += static_cast<double>(targets.size(0));  // next-token predictions
      }
      if (group) {
        const std::vector<double> sums =
            group->sum({val.reconstruction, val.kl, val.examples, val.predictions, val.ce,
                        val.correct, val.total},
                       "all-reduce of the validation sums");
        val.reconstruction = sums[0];
        val.kl = sums[1];
        val.examples = sums[2];
        val.predictions = sums[3];
        val.ce = sums[4];
        val.correct = sums[5];
        val.total = sums[6];
      }
      metrics.validation_reconstruction = val.reconstruction / val.predictions;
      metrics.validation_kl = val.kl / val.examples;
      metrics.validation_total = metrics.validation_reconstruction +
                                 metrics.validation_kl / static_cast<double>(per_example);
      metrics.validation_ce = val.ce / val.total;
      metrics.validation_accuracy = val.correct / val.total;
    }
    check_finite_loss(metrics.train_total, "training loss", epoch, state.step, options, state);
    check_finite_loss(metrics.validation_total, "validation loss", epoch, state.step, options,
                      state);
    metrics.seconds = seconds_since(epoch_start);
    metrics.elapsed_seconds = elapsed_before + metrics.seconds;
    elapsed_before = metrics.elapsed_seconds;

    const bool improved = metrics.validation_ce < state.best_validation_ce;
    if (improved) {
      state.best_validation_ce = metrics.validation_ce;
      state.best_epoch = epoch;
      state.bad_epochs = 0;
    } else {
      ++state.bad_epochs;
    }
    state.epochs_done = epoch;
    state.history.push_back(metrics);
    std::ostringstream rng_text;
    rng_text << data_rng;
    state.data_rng = rng_text.str();

    if (lead) {  // the other ranks hold the same state: nothing per rank is saved
      write_checkpoint(options.output, config, vocab, *net, optimizer, options, state,
                       /*for_resume=*/true);
      if (improved)
        write_checkpoint(best_checkpoint_path(options.output), config, vocab, *net, optimizer,
                         options, state, /*for_resume=*/false);
      write_metrics_csv(metrics_csv_path(options.output), state.history);
      write_loss_plot(loss_plot_path(options.output), state.history);
    }

    if (options.verbose) {
      std::printf(
          "epoch %d/%d: train CE %.4f KL %.3f total %.4f | val CE %.4f acc %.3f KL %.3f total %.4f "
          "| "
          "%.0f tokens/s, %.1f s%s\n",
          epoch, options.epochs, metrics.train_reconstruction, metrics.train_kl,
          metrics.train_total, metrics.validation_ce, metrics.validation_accuracy,
          metrics.validation_kl, metrics.validation_total, metrics.train_tokens_per_second,
          metrics.seconds, improved ? " (best)" : "");
      std::fflush(stdout);
    }
    if (options.patience > 0 && state.bad_epochs >= options.patience) {
      summary.stopped_early = true;
      break;
    }
  }
  if (group) group->barrier();  // rank 0's last files are written when every rank returns
  summary.history = state.history;
  summary.best_epoch = state.best_epoch;
  return summary;
}

}  // namespace cadenza::train
