#include "model/vae_model.h"

#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "model/checkpoint_file.h"
#include "model/lstm_lm.h"
#include "model/transformer_lm.h"
#include "model/vae_lstm.h"
#include "model/vae_transformer.h"

namespace cadenza::model {

VaeOutput VaeModelImpl::forward(const torch::Tensor& examples, bool sample_z) {
  torch::Tensor inputs = examples.narrow(1, 0, examples.size(1) - 1);
  VaeOutput out;
  std::tie(out.mu, out.logvar) = encode(inputs);
  torch::Tensor z = !sample_z ? out.mu
                    : noise   ? out.mu + torch::exp(0.5 * out.logvar) * noise(out.mu)
                              : reparameterize(out.mu, out.logvar);
  torch::Tensor logits = decode(z, inputs);
  out.logits = logits.reshape({-1, logits.size(2)});
  out.targets = targets(examples, inputs);
  return out;
}

torch::Tensor VaeModelImpl::next_token_logits(const torch::Tensor& window) {
  auto [mu, logvar] = encode(window);
  torch::Tensor logits = decode(mu, window);  // [B, P, V]: the last prediction follows window
  return logits.select(1, logits.size(1) - 1);
}

std::pair<torch::Tensor, torch::Tensor> VaeModelImpl::next_token_predictions(
    const torch::Tensor& examples) {
  VaeOutput out = forward(examples, /*sample_z=*/false);
  return {out.logits, out.targets};
}

VaeModel make_model(const ModelConfig& config) {
  config.validate();
  if (config.kind == "vae-lstm") return VaeLstm(config).ptr();
  if (config.kind == "transformer") return TransformerLm(config).ptr();
  if (config.kind == "lstm") return LstmLm(config).ptr();
  return VaeTransformer(config).ptr();
}

torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logvar) {
  return mu + torch::exp(0.5 * logvar) * torch::randn_like(mu);
}

torch::Tensor kl_divergence(const torch::Tensor& mu, const torch::Tensor& logvar) {
  torch::Tensor terms = 1 + logvar - mu.pow(2) - logvar.exp();
  return -0.5 * terms.reshape({terms.size(0), -1}).sum(1);
}

LossParts vae_loss(const VaeOutput& output, double beta, double free_bits,
                   std::int64_t predictions_per_example) {
  LossParts parts;
  parts.reconstruction = torch::nn::functional::cross_entropy(output.logits, output.targets);
  parts.kl = kl_divergence(output.mu, output.logvar).mean();
  // Free bits: below `free_bits` nats the KL costs nothing, so the encoder may use them.
  torch::Tensor kl_term = free_bits > 0 ? torch::clamp_min(parts.kl, free_bits) : parts.kl;
  parts.total =
      parts.reconstruction + (beta / static_cast<double>(predictions_per_example)) * kl_term;
  return parts;
}

double kl_weight(std::int64_t step, std::int64_t anneal_steps) {
  if (anneal_steps <= 0 || step >= anneal_steps) return 1.0;
  return static_cast<double>(step) / static_cast<double>(anneal_steps);
}

std::string save_module(torch::nn::Module& module) {
  torch::serialize::OutputArchive archive;
  module.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void load_module(torch::nn::Module& module, const std::string& bytes, const torch::Device& device) {
  // torch replaces a tensor of another shape silently; a mismatch must be an error instead.
  std::map<std::string, std::vector<std::int64_t>> expected;
  for (const auto& item : module.named_parameters())
    expected[item.key()] = item.value().sizes().vec();
  for (const auto& item : module.named_buffers()) expected[item.key()] = item.value().sizes().vec();
  std::istringstream in(bytes);
  torch::serialize::InputArchive archive;
  archive.load_from(in, device);
  module.load(archive);
  auto check = [&](const std::string& name, const torch::Tensor& tensor) {
    if (tensor.sizes().vec() != expected.at(name)) {
      std::ostringstream message;
      message << "tensor '" << name << "' has shape " << tensor.sizes() << " but the model expects "
              << c10::IntArrayRef(expected.at(name));
      throw std::runtime_error(message.str());
    }
  };
  for (const auto& item : module.named_parameters()) check(item.key(), item.value());
  for (const auto& item : module.named_buffers()) check(item.key(), item.value());
}

LoadedModel load_model(const std::filesystem::path& path, const torch::Device& device) {
  CheckpointSections sections = read_checkpoint_file(path);
  LoadedModel loaded;
  try {
    loaded.config = model_config_from_json(checkpoint_section(sections, "config", path));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
  loaded.vocab = checkpoint_vocab(sections, path);
  if (static_cast<std::int64_t>(loaded.vocab.size()) != loaded.config.vocab_size)
    throw std::runtime_error(path.string() + ": vocabulary has " +
                             std::to_string(loaded.vocab.size()) + " tokens but the config says " +
                             std::to_string(loaded.config.vocab_size));
  loaded.model = make_model(loaded.config);
  try {
    load_module(*loaded.model, checkpoint_section(sections, "weights", path), device);
  } catch (const c10::Error& e) {
    std::string what = e.what_without_backtrace();
    throw std::runtime_error(path.string() + ": weights do not match the model config: " +
                             what.substr(0, what.find('\n')));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path.string() +
                             ": weights do not match the model config: " + e.what());
  }
  // A checkpoint of a diverged training would generate one token over and over, exit 0.
  for (const auto& item : loaded.model->named_parameters())
    if (!torch::isfinite(item.value()).all().item<bool>())
      throw std::runtime_error(path.string() + ": weight tensor '" + item.key() +
                               "' holds NaN or infinite values (the training diverged); use an "
                               "earlier checkpoint, e.g. the .best.cdz beside it");
  loaded.model->to(device);
  loaded.model->eval();
  return loaded;
}

}  // namespace cadenza::model
