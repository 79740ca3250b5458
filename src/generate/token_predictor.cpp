#include "generate/token_predictor.h"

#include <torch/torch.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "model/transformer_lm.h"
#include "model/vae_model.h"

namespace cadenza::generate {
namespace {

std::vector<float> to_vector(const torch::Tensor& logits) {
  torch::Tensor row = logits.reshape({-1}).to(torch::kCPU, torch::kFloat32).contiguous();
  return std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
}

torch::Tensor ids_tensor(const std::vector<std::int64_t>& ids, const torch::Device& device) {
  return torch::tensor(ids, torch::kInt64).reshape({1, -1}).to(device);
}

class TransformerPredictor : public TokenPredictor {
 public:
  TransformerPredictor(model::TransformerLmImpl& net, std::int64_t bar_id,
                       std::vector<std::int64_t> condition)
      : net_(net),
        bar_id_(bar_id),
        condition_(std::move(condition)),
        device_(net.parameters().front().device()) {}

  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    if (history.empty())
      throw std::invalid_argument("generation needs at least one token to start");
    history_ = history;
    return refill();
  }

  std::vector<float> push(std::int64_t id) override {
    history_.push_back(id);
    if (cache_.length >= cache_.capacity) return refill();
    c10::InferenceMode inference;
    return to_vector(net_.extend(ids_tensor({id}, device_), cache_));
  }

 private:
  // Reads the tail of the history into a fresh cache: at most half the context, from a Bar
  // token when there is one in it, so the model sees what it saw in training (bar-aligned
  // windows) and has room for the next half.
  std::vector<float> refill() {
    c10::InferenceMode inference;
    const auto context = static_cast<std::size_t>(net_.config().window);
    std::size_t from = history_.size() > context / 2 ? history_.size() - context / 2 : 0;
    if (from > 0 && bar_id_ >= 0) {
      auto bar =
          std::find(history_.begin() + static_cast<std::ptrdiff_t>(from), history_.end(), bar_id_);
      if (bar != history_.end()) from = static_cast<std::size_t>(bar - history_.begin());
    }
    std::vector<std::int64_t> tail = condition_;
    tail.insert(tail.end(), history_.begin() + static_cast<std::ptrdiff_t>(from), history_.end());
    cache_ = net_.new_cache(1);
    return to_vector(net_.extend(ids_tensor(tail, device_), cache_));
  }

  model::TransformerLmImpl& net_;
  std::int64_t bar_id_;
  std::vector<std::int64_t> condition_;
  torch::Device device_;
  std::vector<std::int64_t> history_;
  model::KvCache cache_;
};

class VaePredictor : public TokenPredictor {
 public:
  // `fixed_z` (when defined): the latent of every piece, instead of the mu of start()'s tokens.
  explicit VaePredictor(model::VaeModelImpl& net, torch::Tensor fixed_z = {})
      : net_(net), device_(net.parameters().front().device()), fixed_z_(std::move(fixed_z)) {
    if (fixed_z_.defined()) fixed_z_ = fixed_z_.to(device_);
  }

  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    if (history.empty())
      throw std::invalid_argument("generation needs at least one token to start");
    c10::InferenceMode inference;
    history_ = history;
    z_ = fixed_z_.defined() ? fixed_z_ : net_.encode(ids_tensor(window(), device_)).first;
    return next();
  }

  std::vector<float> push(std::int64_t id) override {
    history_.push_back(id);
    return next();
  }

 private:
  std::vector<std::int64_t> window() const {
    const auto size = static_cast<std::size_t>(net_.config().window);
    const std::size_t from = history_.size() > size ? history_.size() - size : 0;
    return {history_.begin() + static_cast<std::ptrdiff_t>(from), history_.end()};
  }
  std::vector<float> next() {
    c10::InferenceMode inference;
    torch::Tensor logits = net_.decode(z_, ids_tensor(window(), device_));
    return to_vector(logits.select(1, logits.size(1) - 1));
  }

  model::VaeModelImpl& net_;
  torch::Device device_;
  torch::Tensor fixed_z_;
  std::vector<std::int64_t> history_;
  torch::Tensor z_;
};

}  // namespace

std::unique_ptr<TokenPredictor> make_token_predictor(model::LoadedModel& loaded,
                                                     std::int64_t bar_id,
                                                     std::vector<std::int64_t> condition) {
  loaded.model->eval();
  if (auto* lm = dynamic_cast<model::TransformerLmImpl*>(loaded.model.get()))
    return std::make_unique<TransformerPredictor>(*lm, bar_id, std::move(condition));
  if (!condition.empty())
    throw std::invalid_argument("only the decoder-only transformer generates under a condition");
  if (loaded.config.paper)
    throw std::invalid_argument(
        "the paper's models generate with the paper's procedure, not "
        "token by token");
  return std::make_unique<VaePredictor>(*loaded.model);
}

std::unique_ptr<TokenPredictor> make_latent_predictor(model::LoadedModel& loaded,
                                                      const std::vector<float>& z) {
  const model::ModelConfig& config = loaded.config;
  if (config.kind != "vae-lstm" && config.kind != "vae-transformer")
    throw std::invalid_argument("a " + config.kind +
                                " model has no latent (only vae-lstm and vae-transformer do)");
  if (config.paper)
    throw std::invalid_argument("the paper's models generate with the paper's procedure");
  if (static_cast<std::int64_t>(z.size()) != config.latent)
    throw std::invalid_argument("a latent of " + std::to_string(z.size()) +
                                " values for a model of " + std::to_string(config.latent));
  loaded.model->eval();
  torch::Tensor fixed = torch::tensor(z, torch::kFloat32).reshape({1, -1});
  return std::make_unique<VaePredictor>(*loaded.model, fixed);
}

}  // namespace cadenza::generate
