#pragma once
// The interface both VAEs share, the VAE loss, and loading a model from a checkpoint.
//
// Examples are int64 tensors [batch, window + 1]: the input window and the token after it.
// Generation uses the model through three calls:
//   auto [mu, logvar] = model->encode(window);          // window: [B, W] ids
//   torch::Tensor logits = model->decode(z, window);     // [B, P, vocab] (P predictions)
//   torch::Tensor next = model->next_token_logits(window);  // [B, vocab], z = mu
#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "model/config.h"
#include "tokens/vocab.h"

namespace cadenza::model {

// What one training forward pass produces: flattened predictions and their targets, and the
// posterior's parameters (per example: [B, latent] or [B, W, latent]).
struct VaeOutput {
  torch::Tensor logits;   // [N, vocab]
  torch::Tensor targets;  // [N] ids
  torch::Tensor mu, logvar;
};

class VaeModelImpl : public torch::nn::Module {
 public:
  explicit VaeModelImpl(ModelConfig config) : config_(std::move(config)) {}
  const ModelConfig& config() const { return config_; }

  // Training pass: z is sampled (reparameterised) when `sample_z`, else z = mu.
  VaeOutput forward(const torch::Tensor& examples, bool sample_z);
  virtual std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& window) = 0;
  virtual torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& window) = 0;
  // Logits for the token after `window` [B, W], with z = mu of the window.
  virtual torch::Tensor next_token_logits(const torch::Tensor& window);
  // Next-token predictions over an example batch with z = mu, for validation: every position
  // where the model predicts a following token (logits [N, vocab], targets [N]).
  virtual std::pair<torch::Tensor, torch::Tensor> next_token_predictions(
      const torch::Tensor& examples);
  // Predicted tokens per example in forward(): the unit that turns KL per sequence into KL
  // per token in the loss.
  virtual std::int64_t predictions_per_example() const = 0;

  // The eps of reparameterize() for a posterior mean `mu`; unset: torch::randn_like(mu).
  // Data-parallel training draws the noise of the whole global batch on every rank and keeps
  // its own rows, so that N processes sample exactly what one process would
  // (train/distributed.h).
  std::function<torch::Tensor(const torch::Tensor& mu)> noise;

 protected:
  // What forward() compares its logits with, flattened: the next token of every position, or
  // what the paper's models predict instead (`inputs` = the examples without their last token).
  virtual torch::Tensor targets(const torch::Tensor& examples, const torch::Tensor& inputs) = 0;

  ModelConfig config_;
};
using VaeModel = std::shared_ptr<VaeModelImpl>;

// Builds the model `config.kind` names (config.validate() first).
VaeModel make_model(const ModelConfig& config);

// z = mu + exp(logvar / 2) * eps, eps ~ N(0, I).
torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logvar);
// KL(N(mu, exp(logvar)) || N(0, I)) per example: -0.5 * sum(1 + logvar - mu^2 - exp(logvar))
// over every dimension but the first. Shape [B].
torch::Tensor kl_divergence(const torch::Tensor& mu, const torch::Tensor& logvar);

struct LossParts {
  torch::Tensor total;           // what is minimised
  torch::Tensor reconstruction;  // mean cross-entropy per prediction (nats)
  torch::Tensor kl;              // mean KL per example (nats per sequence)
};
// total = CE + beta * max(KL, free_bits) / predictions_per_example. With beta = 1 and
// free_bits = 0 this is the paper's CE + KL (per predicted token).
LossParts vae_loss(const VaeOutput& output, double beta, double free_bits,
                   std::int64_t predictions_per_example);

// The KL weight after `step` optimizer steps: linear from 0 to 1 over `anneal_steps`.
double kl_weight(std::int64_t step, std::int64_t anneal_steps);

// Parameters and buffers to and from bytes (torch's archive format).
std::string save_module(torch::nn::Module& module);
void load_module(torch::nn::Module& module, const std::string& bytes, const torch::Device& device);

// A trained model ready for generation.
struct LoadedModel {
  ModelConfig config;
  tokens::Vocab vocab;
  VaeModel model;  // in eval mode, on `device`
};
LoadedModel load_model(const std::filesystem::path& checkpoint, const torch::Device& device);

}  // namespace cadenza::model
