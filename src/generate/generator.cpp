#include "generate/generator.h"

#include "generate/lstm_stepper.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/limits.h"
#include "common/progress.h"

namespace cadenza::generate {
namespace {

torch::Tensor to_batch(const std::vector<Ids>& rows) {
  if (rows.empty() || rows.front().empty())
    throw std::invalid_argument("generation needs at least one non-empty seed");
  const auto length = static_cast<std::int64_t>(rows.front().size());
  torch::Tensor batch =
      torch::empty({static_cast<std::int64_t>(rows.size()), length}, torch::kInt64);
  auto* data = batch.data_ptr<std::int64_t>();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (static_cast<std::int64_t>(rows[r].size()) != length)
      throw std::invalid_argument("generation seeds must have the same length");
    std::copy(rows[r].begin(), rows[r].end(), data + r * length);
  }
  return batch;
}

torch::Device device_of(model::VaeModelImpl& model) {
  auto params = model.parameters();
  return params.empty() ? torch::Device(torch::kCPU) : params.front().device();
}

}  // namespace

Ids context_of(const Ids& ids, std::int64_t window) {
  const auto keep = std::min<std::int64_t>(window, static_cast<std::int64_t>(ids.size()));
  return Ids(ids.end() - keep, ids.end());
}

void check_length(std::int64_t length) {
  if (length < 0 || length > limits::kMaxGenerateLength)
    throw std::invalid_argument("--length must lie in [1, " +
                                std::to_string(limits::kMaxGenerateLength) + "] tokens, got " +
                                std::to_string(length));
}

std::vector<Ids> generate_pieces(model::VaeModelImpl& model, const std::vector<Ids>& seeds,
                                 const GenerationOptions& options, Sampler& sampler,
                                 const std::optional<torch::Tensor>& z) {
  options.sampling.validate();
  check_length(options.length);
  c10::InferenceMode inference;
  const torch::Device device = device_of(model);
  const std::int64_t window = model.config().window;
  std::vector<Ids> contexts;
  for (const Ids& seed : seeds) contexts.push_back(context_of(seed, window));
  torch::Tensor context = to_batch(contexts).to(device);
  const torch::Tensor fixed_z = z ? z->to(device) : torch::Tensor();
  const auto pieces = static_cast<std::size_t>(context.size(0));
  std::vector<Ids> generated(pieces);
  if (options.length == 0) return generated;
  const auto vocab = model.config().vocab_size;
  std::vector<float> row(static_cast<std::size_t>(vocab));
  torch::Tensor next = torch::empty({context.size(0)}, torch::kInt64);

  std::optional<LstmStepper> stepper;
  torch::Tensor logits;
  if (options.fast || (options.fast_where_supported && LstmStepper::supports(model))) {
    stepper.emplace(model);
    logits = stepper->start(fixed_z.defined() ? fixed_z : model.encode(context).first, context);
  }
  Progress progress("generate", static_cast<std::size_t>(options.length), "tokens");
  for (std::int64_t step = 0; step < options.length; ++step) {
    progress.advance();
    if (stepper) {
      if (step > 0) logits = stepper->step(next);
    } else if (fixed_z.defined()) {
      torch::Tensor all = model.decode(fixed_z, context);
      logits = all.select(1, all.size(1) - 1);
    } else {
      logits = model.next_token_logits(context);
    }
    const torch::Tensor cpu = logits.to(torch::kCPU, torch::kFloat).contiguous();
    const float* data = cpu.data_ptr<float>();
    auto* next_ids = next.data_ptr<std::int64_t>();
    for (std::size_t p = 0; p < pieces; ++p) {
      std::copy(data + p * vocab, data + (p + 1) * vocab, row.begin());
      next_ids[p] = static_cast<std::int64_t>(sampler.sample(row, options.sampling));
      generated[p].push_back(next_ids[p]);
    }
    if (stepper) continue;
    // Append and shift: the window keeps its length once it is full.
    torch::Tensor grown = torch::cat({context, next.view({-1, 1}).to(device)}, 1);
    context = grown.size(1) > window ? grown.narrow(1, 1, window).contiguous() : grown;
  }
  progress.finish();
  return generated;
}

torch::Tensor encode_means(model::VaeModelImpl& model, const std::vector<Ids>& seeds) {
  c10::InferenceMode inference;
  std::vector<Ids> contexts;
  for (const Ids& seed : seeds) contexts.push_back(context_of(seed, model.config().window));
  return model.encode(to_batch(contexts).to(device_of(model))).first.to(torch::kCPU).clone();
}

torch::Tensor sample_prior(at::IntArrayRef shape, Sampler& sampler) {
  torch::Tensor z = torch::empty(shape, torch::kFloat);
  float* data = z.data_ptr<float>();
  for (std::int64_t i = 0; i < z.numel(); ++i) data[i] = static_cast<float>(sampler.gaussian());
  return z;
}

Ids random_window(const std::vector<Ids>& sequences, std::int64_t window, Sampler& sampler) {
  std::uint64_t total = 0;
  for (const Ids& s : sequences)
    if (static_cast<std::int64_t>(s.size()) >= window) total += s.size() - window + 1;
  if (total == 0)
    throw std::invalid_argument("no sequence of the corpus holds a whole window of " +
                                std::to_string(window) + " tokens");
  std::uint64_t pick = sampler.below(total);
  for (const Ids& s : sequences) {
    if (static_cast<std::int64_t>(s.size()) < window) continue;
    const std::uint64_t starts = s.size() - window + 1;
    if (pick < starts) return Ids(s.begin() + pick, s.begin() + pick + window);
    pick -= starts;
  }
  throw std::logic_error("random_window: unreachable");
}

std::vector<Ids> interpolate_pieces(model::VaeModelImpl& model, const Ids& a, const Ids& b,
                                    int steps, const GenerationOptions& options,
                                    std::uint64_t seed) {
  if (steps < 2) throw std::invalid_argument("interpolation needs --steps >= 2");
  const std::int64_t window = model.config().window;
  // Both ends need equal lengths (a per-position latent must line up): the shorter decides.
  const auto length =
      std::min({window, static_cast<std::int64_t>(a.size()), static_cast<std::int64_t>(b.size())});
  if (length == 0) throw std::invalid_argument("interpolation needs two non-empty pieces");
  const Ids seed_a(a.begin(), a.begin() + length), seed_b(b.begin(), b.begin() + length);
  const torch::Tensor mu = encode_means(model, {seed_a, seed_b});
  std::vector<Ids> pieces;
  for (int i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / (steps - 1);
    torch::Tensor z = (mu[0] * (1 - t) + mu[1] * t).unsqueeze(0);
    Sampler sampler(seed);
    pieces.push_back(
        generate_pieces(model, {t <= 0.5 ? seed_a : seed_b}, options, sampler, z).front());
  }
  return pieces;
}

}  // namespace cadenza::generate
