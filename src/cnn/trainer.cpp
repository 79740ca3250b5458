#include "cnn/trainer.h"

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numeric>
#include <random>
#include <stdexcept>

#include "cnn/mixup.h"
#include "cnn/model_impl.h"
#include "common/progress.h"
#include "common/threads.h"
#include "model/device.h"
#include "model/threads.h"

namespace cadenza::cnn {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Per band, mean and standard deviation over all images and frames (dB).
void band_statistics(const ImageSet& set, std::vector<float>& mean, std::vector<float>& stddev) {
  const auto bands = static_cast<std::size_t>(set.bands);
  const auto frames = static_cast<std::size_t>(set.frames);
  std::vector<double> sum(bands, 0.0), sum_sq(bands, 0.0);
  for (std::size_t i = 0; i < set.size(); ++i) {
    const float* image = set.image(i);
    for (std::size_t b = 0; b < bands; ++b)
      for (std::size_t t = 0; t < frames; ++t) {
        const double v = image[b * frames + t];
        sum[b] += v;
        sum_sq[b] += v * v;
      }
  }
  const double n = static_cast<double>(set.size() * frames);
  mean.assign(bands, 0.0f);
  stddev.assign(bands, 1.0f);
  for (std::size_t b = 0; b < bands; ++b) {
    const double m = sum[b] / n;
    const double var = std::max(0.0, sum_sq[b] / n - m * m);
    mean[b] = static_cast<float>(m);
    stddev[b] = static_cast<float>(std::max(std::sqrt(var), 1e-3));
  }
}

// The 3 augmented copies of every image, seeded by (seed, epoch, image, kind).
ImageSet augmented_copies(const ImageSet& base, const Augmenter& augment, std::uint64_t seed,
                          std::uint64_t epoch) {
  ImageSet out;
  out.bands = base.bands;
  out.frames = base.frames;
  out.values.resize(base.size() * kAugmentedCopies * base.image_size());
  for (std::size_t i = 0; i < base.size(); ++i)
    for (int kind = 0; kind < kAugmentedCopies; ++kind) {
      const std::size_t k = i * kAugmentedCopies + static_cast<std::size_t>(kind);
      augment(base.image(i), out.values.data() + k * base.image_size(), base.bands, base.frames,
              kind, mix_seed(seed, epoch, i, static_cast<std::uint64_t>(kind)));
      out.labels.push_back(base.labels[i]);
      out.songs.push_back(base.songs[i]);
    }
  return out;
}

// Every image shifted by a band shift and a time roll drawn from (seed, epoch, image).
ImageSet shifted(const ImageSet& base, int max_bands, bool time, std::uint64_t seed,
                 std::uint64_t epoch) {
  ImageSet out = base;
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::mt19937_64 rng(mix_seed(seed, 0x5817, epoch, i));
    const int bands = std::uniform_int_distribution<int>(-max_bands, max_bands)(rng);
    const int frames = time ? std::uniform_int_distribution<int>(0, base.frames - 1)(rng) : 0;
    shift_image(base.image(i), out.image(i), base.bands, base.frames, bands, frames);
  }
  return out;
}

}  // namespace

torch::Tensor mix_inputs(const torch::Tensor& x, const torch::Tensor& partner, double lambda) {
  return lambda * x + (1 - lambda) * x.index_select(0, partner);
}

torch::Tensor mixup_loss(const torch::Tensor& logits, const torch::Tensor& y,
                         const torch::Tensor& partner, double lambda) {
  return lambda * torch::nn::functional::cross_entropy(logits, y) +
         (1 - lambda) * torch::nn::functional::cross_entropy(logits, y.index_select(0, partner));
}

namespace {

// One draw of Beta(alpha, alpha), from two Gamma draws.
double beta_draw(double alpha, std::mt19937_64& rng) {
  std::gamma_distribution<double> gamma(alpha, 1.0);
  const double x = gamma(rng), y = gamma(rng);
  return x + y > 0 ? x / (x + y) : 0.5;
}

torch::Tensor label_tensor(const std::vector<int>& labels, const torch::Device& device) {
  return torch::tensor(std::vector<std::int64_t>(labels.begin(), labels.end()), torch::kInt64)
      .to(device);
}

// Loss and accuracy of the model on a whole set, in eval mode.
std::pair<double, double> measure(CnnModel::Impl& m, const ImageSet& set, int batch) {
  torch::NoGradGuard no_grad;
  m.net->eval();
  double loss = 0, correct = 0;
  const std::size_t step = static_cast<std::size_t>(std::max(1, batch));
  for (std::size_t first = 0; first < set.size(); first += step) {
    const std::size_t count = std::min(step, set.size() - first);
    const torch::Tensor logits = m.net->forward(m.input(set, first, count));
    const torch::Tensor targets =
        label_tensor(std::vector<int>(set.labels.begin() + static_cast<long>(first),
                                      set.labels.begin() + static_cast<long>(first + count)),
                     m.device);
    loss += torch::nn::functional::cross_entropy(
                logits, targets,
                torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                .item<double>();
    correct += logits.argmax(1).eq(targets).sum().item<double>();
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, set.size()));
  return {loss / n, correct / n};
}

void check_set(const ImageSet& set, const ModelSpec& spec, const char* what) {
  if (set.size() == 0) return;
  if (set.bands != spec.bands || set.frames < 1 ||
      set.values.size() != set.size() * set.image_size())
    throw std::invalid_argument(std::string("cnn: malformed ") + what + " images");
  for (int label : set.labels)
    if (label < 0 || label >= static_cast<int>(spec.labels.size()))
      throw std::invalid_argument(std::string("cnn: a ") + what + " image without a valid class");
}

}  // namespace

void check_device(const std::string& device) { model::parse_device(device); }

void set_threads(int threads) {
  if (threads > 0) model::set_compute_threads(threads, threads);
}

CnnModel train_cnn(ModelSpec spec, const ImageSet& train, const ImageSet& validation,
                   const TrainOptions& options, TrainSummary* report) {
  if (train.size() < 2) throw std::invalid_argument("cnn: at least two training images are needed");
  spec.bands = train.bands;
  spec.frames = train.frames;
  check_set(train, spec, "training");
  check_set(validation, spec, "validation");
  if (validation.size() > 0 && validation.frames != train.frames)
    throw std::invalid_argument("cnn: validation images of another length than the training ones");
  if (options.epochs < 1) throw std::invalid_argument("--epochs must be at least 1");
  if (options.batch < 2) throw std::invalid_argument("--batch must be at least 2");
  if (!(options.learning_rate > 0)) throw std::invalid_argument("--lr must be positive");
  if (options.augment != AugmentMode::off && !options.augmenter)
    throw std::invalid_argument("cnn: augmentation needs an augmenter");
  const int min_frames = net_config(spec).min_frames();
  if (train.frames < min_frames)
    throw std::invalid_argument("cnn: windows of " + std::to_string(train.frames) +
                                " frames are too short (at least " + std::to_string(min_frames) +
                                ")");

  const auto start = Clock::now();
  set_threads(options.threads);
  torch::manual_seed(options.seed);
  const torch::Device device = model::parse_device(options.device);
  if (device.is_cuda()) torch::cuda::manual_seed_all(options.seed);
  band_statistics(train, spec.mean, spec.stddev);
  CnnModel model(spec);  // initialised from torch's generator, seeded above
  model.to_device(options.device);
  CnnModel::Impl& m = model.impl();

  // The training tensor (standardised, on the device): the images, then their copies; all of
  // them shifted when shifts are on.
  const bool shifts = options.shift_bands > 0 || options.shift_time;
  auto build_training_tensor = [&](std::uint64_t epoch) {
    auto maybe_shifted = [&](const ImageSet& set, std::uint64_t salt) {
      return shifts ? shifted(set, options.shift_bands, options.shift_time,
                              mix_seed(options.seed, salt), epoch)
                    : set;
    };
    if (options.augment == AugmentMode::off) {
      const ImageSet base = maybe_shifted(train, 1);
      return m.input(base, 0, base.size());
    }
    const std::uint64_t copies_epoch = options.augment == AugmentMode::once ? 0 : epoch;
    const ImageSet base = maybe_shifted(train, 1);
    const ImageSet copies =
        maybe_shifted(augmented_copies(train, options.augmenter, options.seed, copies_epoch), 2);
    return torch::cat({m.input(base, 0, base.size()), m.input(copies, 0, copies.size())});
  };
  std::vector<int> all_labels = train.labels;
  if (options.augment != AugmentMode::off)
    for (std::size_t i = 0; i < train.size(); ++i)
      all_labels.insert(all_labels.end(), kAugmentedCopies, train.labels[i]);
  const torch::Tensor targets = label_tensor(all_labels, device);
  torch::Tensor inputs = build_training_tensor(0);
  const auto n = static_cast<std::size_t>(inputs.size(0));

  if (options.weight_decay < 0) throw std::invalid_argument("--weight-decay must be >= 0");
  if (options.mixup < 0) throw std::invalid_argument("--mixup must be >= 0");
  if (options.shift_bands < 0 || options.shift_bands >= train.bands)
    throw std::invalid_argument("--shift-bands must be in [0, bands)");
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  if (options.weight_decay > 0)
    optimizer = std::make_unique<torch::optim::AdamW>(
        m.net->parameters(),
        torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay));
  else
    optimizer = std::make_unique<torch::optim::Adam>(
        m.net->parameters(), torch::optim::AdamOptions(options.learning_rate));
  TrainSummary local;
  TrainSummary& out = report ? *report : local;
  out = TrainSummary{};
  out.training_images = n;
  const bool validate = validation.size() > 0;
  double best_loss = INFINITY;
  std::vector<torch::Tensor> best_state;
  int bad_epochs = 0;
  const auto batch = static_cast<std::size_t>(options.batch);
  std::vector<std::int64_t> order(n);

  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    if ((options.augment == AugmentMode::fresh || shifts) && epoch > 1)
      inputs = build_training_tensor(static_cast<std::uint64_t>(epoch));
    std::mt19937_64 mix_rng(mix_seed(options.seed, 0x6d6978, static_cast<std::uint64_t>(epoch)));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(mix_seed(options.seed, 0x5eed, static_cast<std::uint64_t>(epoch)));
    std::shuffle(order.begin(), order.end(), rng);
    const torch::Tensor permutation = torch::tensor(order, torch::kInt64).to(device);
    // A last batch of one image would break BatchNorm's batch statistics.
    const std::size_t batches = (n + batch - 1) / batch - ((n % batch) == 1 ? 1 : 0);
    std::unique_ptr<Progress> progress;
    if (options.verbose)
      progress = std::make_unique<Progress>(
          "epoch " + std::to_string(epoch) + "/" + std::to_string(options.epochs), batches,
          "batches");
    m.net->train();
    torch::Tensor loss_sum = torch::zeros({}, device), correct = torch::zeros({}, device);
    std::size_t seen = 0;
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t first = b * batch, count = std::min(batch, n - first);
      const torch::Tensor rows = permutation.slice(0, static_cast<std::int64_t>(first),
                                                   static_cast<std::int64_t>(first + count));
      const torch::Tensor y = targets.index_select(0, rows);
      torch::Tensor x = inputs.index_select(0, rows), logits, loss;
      if (options.mixup > 0) {
        // Each image blended with another of the batch, the loss with both labels.
        const double lambda = beta_draw(options.mixup, mix_rng);
        std::vector<std::int64_t> partner(count);
        std::iota(partner.begin(), partner.end(), 0);
        std::shuffle(partner.begin(), partner.end(), mix_rng);
        const torch::Tensor other = torch::tensor(partner, torch::kInt64).to(device);
        logits = m.net->forward(mix_inputs(x, other, lambda));
        loss = mixup_loss(logits, y, other, lambda);
      } else {
        logits = m.net->forward(x);
        loss = torch::nn::functional::cross_entropy(logits, y);
      }
      optimizer->zero_grad();
      loss.backward();
      optimizer->step();
      loss_sum += loss.detach() * static_cast<double>(count);
      correct += logits.argmax(1).eq(y).sum();
      seen += count;
      if (progress) {
        if (b % 5 == 0 || b + 1 == batches) {
          char message[40];
          std::snprintf(message, sizeof message, "loss %.3f", loss.item<double>());
          progress->set_message(message);
        }
        progress->advance();
      }
    }
    if (progress) progress->finish();
    EpochRecord record;
    record.epoch = epoch;
    record.train_loss =
        loss_sum.item<double>() / static_cast<double>(std::max<std::size_t>(1, seen));
    record.train_accuracy =
        correct.item<double>() / static_cast<double>(std::max<std::size_t>(1, seen));
    bool best = false;
    if (validate) {
      std::tie(record.validation_loss, record.validation_accuracy) =
          measure(m, validation, options.batch * 2);
      if (record.validation_loss < best_loss) {
        best = true;
        best_loss = record.validation_loss;
        out.best_epoch = epoch;
        bad_epochs = 0;
        best_state.clear();
        for (const auto& [name, tensor] : net_state(*m.net))
          best_state.push_back(tensor.detach().clone());
      } else {
        ++bad_epochs;
      }
    } else {
      out.best_epoch = epoch;
    }
    record.seconds = seconds_since(epoch_start);
    out.history.push_back(record);
    if (options.verbose) {
      if (validate)
        std::fprintf(
            stderr, "epoch %d/%d: loss %.4f acc %.3f | validation loss %.4f acc %.3f | %.1f s%s\n",
            epoch, options.epochs, record.train_loss, record.train_accuracy, record.validation_loss,
            record.validation_accuracy, record.seconds, best ? " (best)" : "");
      else
        std::fprintf(stderr, "epoch %d/%d: loss %.4f acc %.3f | %.1f s\n", epoch, options.epochs,
                     record.train_loss, record.train_accuracy, record.seconds);
    }
    if (validate && options.patience > 0 && bad_epochs >= options.patience) {
      out.stopped_early = epoch < options.epochs;
      break;
    }
  }
  if (!best_state.empty()) {
    torch::NoGradGuard no_grad;
    auto state = net_state(*m.net);
    for (std::size_t i = 0; i < state.size(); ++i) state[i].second.copy_(best_state[i]);
  }
  m.net->eval();
  out.seconds = seconds_since(start);
  return model;
}

}  // namespace cadenza::cnn
