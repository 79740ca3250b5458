#include "train/epoch_loop.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>

#include "common/progress.h"
#include "train/training_checkpoint.h"

namespace cadenza::train {
namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

torch::Tensor to_tensor(const data::Batch& batch, const torch::Device& device) {
  torch::Tensor cpu = torch::from_blob(const_cast<std::int64_t*>(batch.ids.data()),
                                       {static_cast<std::int64_t>(batch.rows),
                                        static_cast<std::int64_t>(batch.length)},
                                       torch::kInt64)
                          .clone();
  return device.is_cpu() ? cpu : cpu.to(device);
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

// One pass over the epoch's training windows; fills the train_* fields and kl_weight of
// `metrics`.
void train_epoch(const EpochLoop& loop, int epoch, TrainingState& state, std::mt19937_64& data_rng,
                 EpochMetrics& metrics) {
  const auto start = Clock::now();
  const TrainOptions& options = loop.options;
  model::VaeModelImpl& net = loop.net;
  DataParallel* group = loop.group;
  const auto batch_rows = static_cast<std::size_t>(options.batch_size);
  net.train();
  const std::vector<data::WindowStart> starts = training_epoch(loop.samplers, data_rng);
  std::size_t steps = (starts.size() + batch_rows - 1) / batch_rows;
  if (options.max_steps_per_epoch > 0)
    steps = std::min(steps, static_cast<std::size_t>(options.max_steps_per_epoch));
  Progress progress("epoch " + std::to_string(epoch) + "/" + std::to_string(options.epochs), steps,
                    "batches");
  double batches = 0, input_tokens = 0;
  torch::Tensor recon_sum = torch::zeros({}, loop.device), kl_sum = torch::zeros({}, loop.device),
                total_sum = torch::zeros({}, loop.device);
  for (std::size_t s = 0; s < steps; ++s) {
    // The global batch: with several ranks each builds it (the same data RNG draws on every
    // rank) and computes its own block of rows.
    data::Batch batch = loop.samplers.train.batch(starts, s * batch_rows, batch_rows,
                                                  loop.samplers.transposer.get(), &data_rng);
    torch::Tensor examples = to_tensor(batch, loop.device);
    auto [first_row, rows] =
        group ? group->shard(batch.rows) : std::pair<std::size_t, std::size_t>(0, batch.rows);
    const double share = static_cast<double>(rows) / static_cast<double>(batch.rows);
    if (rows == 0) {  // a short last batch left this rank none: it computes the last row
      first_row = batch.rows - 1;  // with weight 0, so its random draws keep in step with
      rows = 1;                    // the other ranks' (the same generator state everywhere)
    }
    if (group) {
      examples =
          examples.narrow(0, static_cast<std::int64_t>(first_row), static_cast<std::int64_t>(rows));
      net.noise = [&, first_row = first_row, rows = rows](const torch::Tensor& mu) {
        std::vector<std::int64_t> shape = mu.sizes().vec();
        shape[0] = static_cast<std::int64_t>(batch.rows);
        return torch::randn(shape, mu.options())
            .narrow(0, static_cast<std::int64_t>(first_row), static_cast<std::int64_t>(rows));
      };
    }
    const double beta = model::kl_weight(state.step, loop.config.kl_anneal_steps);
    loop.optimizer.zero_grad();
    model::VaeOutput out = net.forward(examples, /*sample_z=*/true);
    model::LossParts loss =
        model::vae_loss(out, beta, loop.config.free_bits, loop.predictions_per_example);
    // The global batch's mean reconstruction, KL and total.
    const torch::Tensor losses = backward_step(loss, share, group, net.parameters());
    if (options.grad_clip > 0)
      torch::nn::utils::clip_grad_norm_(net.parameters(), options.grad_clip);
    loop.optimizer.step();
    ++state.step;
    recon_sum += losses[0];
    kl_sum += losses[1];
    total_sum += losses[2];
    batches += 1;  // the sums are batch means
    input_tokens += static_cast<double>(batch.rows * (batch.length - 1));
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
  net.noise = nullptr;
  const double seconds = seconds_since(start);
  metrics.train_reconstruction = recon_sum.item<double>() / std::max(1.0, batches);
  metrics.train_kl = kl_sum.item<double>() / std::max(1.0, batches);
  metrics.train_total = total_sum.item<double>() / std::max(1.0, batches);
  metrics.kl_weight = model::kl_weight(state.step, loop.config.kl_anneal_steps);
  metrics.train_tokens_per_second = input_tokens / std::max(1e-9, seconds);
}

// Sums over the validation windows (z = mu, no dropout).
struct ValidationSums {
  double reconstruction = 0, kl = 0, examples = 0, predictions = 0;
  double ce = 0, correct = 0, total = 0;  // of the next-token predictions
};

// Fills the validation_* fields of `metrics`: KL at full weight and without free bits.
void validate(const EpochLoop& loop, EpochMetrics& metrics) {
  torch::NoGradGuard no_grad;
  model::VaeModelImpl& net = loop.net;
  DataParallel* group = loop.group;
  const auto batch_rows = static_cast<std::size_t>(loop.options.batch_size);
  net.eval();
  const std::vector<data::WindowStart> starts =
      validation_epoch(loop.samplers, loop.options.max_validation_windows);
  ValidationSums val;
  std::size_t batch_index = 0;
  for (std::size_t first = 0; first < starts.size(); first += batch_rows) {
    // Whole batches round robin over the ranks, so the sums equal one process's.
    if (group && batch_index++ % static_cast<std::size_t>(group->size()) !=
                     static_cast<std::size_t>(group->rank()))
      continue;
    data::Batch batch = loop.samplers.validation.batch(starts, first, batch_rows);
    torch::Tensor examples = to_tensor(batch, loop.device);
    model::VaeOutput out = net.forward(examples, /*sample_z=*/false);
    const double rows = static_cast<double>(batch.rows);
    const double n = static_cast<double>(out.targets.size(0));
    val.reconstruction +=
        torch::nn::functional::cross_entropy(out.logits, out.targets).item<double>() * n;
    val.kl += model::kl_divergence(out.mu, out.logvar).sum().item<double>();
    val.examples += rows;
    val.predictions += n;
    torch::Tensor logits = out.logits, targets = out.targets;
    if (loop.config.paper && loop.config.kind == "vae-transformer")
      std::tie(logits, targets) = net.next_token_predictions(examples);
    val.ce += torch::nn::functional::cross_entropy(
                  logits, targets,
                  torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                  .item<double>();
    val.correct += logits.argmax(1).eq(targets).sum().item<double>();
    val.total += static_cast<double>(targets.size(0));  // next-token predictions
  }
  if (group) {
    const std::vector<double> sums = group->sum(
        {val.reconstruction, val.kl, val.examples, val.predictions, val.ce, val.correct, val.total},
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
  metrics.validation_total =
      metrics.validation_reconstruction +
      metrics.validation_kl / static_cast<double>(loop.predictions_per_example);
  metrics.validation_ce = val.ce / val.total;
  metrics.validation_accuracy = val.correct / val.total;
}

// Counts the epoch in `state` (best validation CE, epochs without improvement, the data
// order's generator) and writes the files; returns whether the validation CE improved.
bool record_epoch(const EpochLoop& loop, const EpochMetrics& metrics, TrainingState& state,
                  const std::mt19937_64& data_rng) {
  const bool improved = metrics.validation_ce < state.best_validation_ce;
  if (improved) {
    state.best_validation_ce = metrics.validation_ce;
    state.best_epoch = metrics.epoch;
    state.bad_epochs = 0;
  } else {
    ++state.bad_epochs;
  }
  state.epochs_done = metrics.epoch;
  state.history.push_back(metrics);
  std::ostringstream rng_text;
  rng_text << data_rng;
  state.data_rng = rng_text.str();

  const TrainOptions& options = loop.options;
  if (loop.lead) {  // the other ranks hold the same state: nothing per rank is saved
    write_training_checkpoint(options.output, loop.config, loop.vocab, loop.net, loop.optimizer,
                              options, state, /*for_resume=*/true);
    if (improved)
      write_training_checkpoint(best_checkpoint_path(options.output), loop.config, loop.vocab,
                                loop.net, loop.optimizer, options, state, /*for_resume=*/false);
    write_metrics_csv(metrics_csv_path(options.output), state.history);
    write_loss_plot(loss_plot_path(options.output), state.history);
  }
  return improved;
}

void print_epoch(const EpochMetrics& metrics, int epochs, bool improved) {
  std::printf(
      "epoch %d/%d: train CE %.4f KL %.3f total %.4f | val CE %.4f acc %.3f KL %.3f total %.4f "
      "| "
      "%.0f tokens/s, %.1f s%s\n",
      metrics.epoch, epochs, metrics.train_reconstruction, metrics.train_kl, metrics.train_total,
      metrics.validation_ce, metrics.validation_accuracy, metrics.validation_kl,
      metrics.validation_total, metrics.train_tokens_per_second, metrics.seconds,
      improved ? " (best)" : "");
  std::fflush(stdout);
}

}  // namespace

bool run_epochs(const EpochLoop& loop, TrainingState& state, std::mt19937_64& data_rng) {
  const TrainOptions& options = loop.options;
  if (options.batch_size < 1) throw std::invalid_argument("--batch-size must be at least 1");
  double elapsed_before = state.history.empty() ? 0.0 : state.history.back().elapsed_seconds;
  for (int epoch = state.epochs_done + 1; epoch <= options.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    EpochMetrics metrics;
    metrics.epoch = epoch;
    train_epoch(loop, epoch, state, data_rng, metrics);
    validate(loop, metrics);
    check_finite_loss(metrics.train_total, "training loss", epoch, state.step, options, state);
    check_finite_loss(metrics.validation_total, "validation loss", epoch, state.step, options,
                      state);
    metrics.seconds = seconds_since(epoch_start);
    metrics.elapsed_seconds = elapsed_before + metrics.seconds;
    elapsed_before = metrics.elapsed_seconds;
    const bool improved = record_epoch(loop, metrics, state, data_rng);
    if (options.verbose) print_epoch(metrics, options.epochs, improved);
    if (options.patience > 0 && state.bad_epochs >= options.patience) return true;
  }
  return false;
}

}  // namespace cadenza::train
