#include "model/config.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace cadenza::model {
namespace {
void require_positive(std::int64_t value, const char* name) {
  if (value <= 0)
    throw std::invalid_argument(std::string("model config: ") + name + " must be positive, got " +
                                std::to_string(value));
}
}  // namespace

void ModelConfig::validate() const {
  if (kind != "vae-lstm" && kind != "vae-transformer" && kind != "transformer" && kind != "lstm")
    throw std::invalid_argument(
        "unknown model '" + kind +
        "' (expected 'vae-lstm', 'vae-transformer', 'transformer' or 'lstm')");
  if (tokens != "paper" && tokens != "remi")
    throw std::invalid_argument("model config: unknown tokens '" + tokens +
                                "' (expected 'paper' or 'remi')");
  if ((kind == "transformer" || kind == "lstm") && paper)
    throw std::invalid_argument("model config: the paper has no plain language model");
  require_positive(vocab_size, "vocab_size");
  require_positive(window, "window");
  require_positive(latent, "latent");
  require_positive(embedding, "embedding");
  require_positive(encoder_hidden, "encoder_hidden");
  require_positive(encoder_layers, "encoder_layers");
  require_positive(decoder_hidden, "decoder_hidden");
  require_positive(decoder_layers, "decoder_layers");
  require_positive(model_dim, "model_dim");
  require_positive(heads, "heads");
  require_positive(feed_forward, "feed_forward");
  require_positive(encoder_blocks, "encoder_blocks");
  require_positive(decoder_blocks, "decoder_blocks");
  if ((kind == "vae-transformer" || kind == "transformer") && model_dim % heads != 0)
    throw std::invalid_argument("model config: model_dim " + std::to_string(model_dim) +
                                " is not divisible by heads " + std::to_string(heads));
  if (!(dropout >= 0.0 && dropout < 1.0))
    throw std::invalid_argument("model config: dropout must lie in [0, 1), got " +
                                std::to_string(dropout));
  if (!(free_bits >= 0.0 && std::isfinite(free_bits)))
    throw std::invalid_argument("model config: free_bits must be a finite number >= 0");
  if (kl_anneal_steps < 0)
    throw std::invalid_argument("model config: kl_anneal_steps must be >= 0");
}

std::string to_json(const ModelConfig& c) {
  nlohmann::json j = {{"kind", c.kind},
                      {"tokens", c.tokens},
                      {"paper", c.paper},
                      {"vocab_size", c.vocab_size},
                      {"window", c.window},
                      {"latent", c.latent},
                      {"embedding", c.embedding},
                      {"encoder_hidden", c.encoder_hidden},
                      {"encoder_layers", c.encoder_layers},
                      {"decoder_hidden", c.decoder_hidden},
                      {"decoder_layers", c.decoder_layers},
                      {"model_dim", c.model_dim},
                      {"heads", c.heads},
                      {"feed_forward", c.feed_forward},
                      {"encoder_blocks", c.encoder_blocks},
                      {"decoder_blocks", c.decoder_blocks},
                      {"dropout", c.dropout},
                      {"free_bits", c.free_bits},
                      {"kl_anneal_steps", c.kl_anneal_steps}};
  return j.dump();
}

ModelConfig model_config_from_json(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("model config: not valid JSON: ") + e.what());
  }
  ModelConfig c;
  auto get = [&](const char* name, auto& field) {
    if (!j.contains(name))
      throw std::invalid_argument(std::string("model config: missing field '") + name + "'");
    try {
      j.at(name).get_to(field);
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(std::string("model config: field '") + name +
                                  "' has the wrong type");
    }
  };
  get("kind", c.kind);
  if (j.contains("tokens")) get("tokens", c.tokens);  // older checkpoints: paper tokens
  get("paper", c.paper);
  get("vocab_size", c.vocab_size);
  get("window", c.window);
  get("latent", c.latent);
  get("embedding", c.embedding);
  get("encoder_hidden", c.encoder_hidden);
  get("encoder_layers", c.encoder_layers);
  get("decoder_hidden", c.decoder_hidden);
  get("decoder_layers", c.decoder_layers);
  get("model_dim", c.model_dim);
  get("heads", c.heads);
  get("feed_forward", c.feed_forward);
  get("encoder_blocks", c.encoder_blocks);
  get("decoder_blocks", c.decoder_blocks);
  get("dropout", c.dropout);
  get("free_bits", c.free_bits);
  get("kl_anneal_steps", c.kl_anneal_steps);
  c.validate();
  return c;
}

ModelConfig paper_preset(const std::string& kind) {
  ModelConfig c;
  c.kind = kind;
  c.paper = true;
  c.window = 100;
  c.latent = 64;
  c.encoder_hidden = c.decoder_hidden = 256;
  c.encoder_layers = c.decoder_layers = 2;
  // Transformer (notebook): one-hot input is an embedding lookup; model width = latent 64,
  // 4 heads, feed-forward 128, one block each side.
  c.model_dim = 64;
  c.embedding = 64;
  c.heads = 4;
  c.feed_forward = 128;
  c.encoder_blocks = c.decoder_blocks = 1;
  c.dropout = 0.1;
  c.free_bits = 0.0;
  c.kl_anneal_steps = 0;
  return c;
}

ModelConfig default_preset(const std::string& kind) {
  ModelConfig c;
  c.kind = kind;
  if (kind == "transformer") {  // the shipped jazz model's shape (docs/arrangements.md)
    c.window = 1024;
    c.model_dim = 256;
    c.heads = 4;
    c.feed_forward = 1024;
    c.decoder_blocks = 4;
    c.dropout = 0.1;
    c.free_bits = 0.0;  // no latent: the KL term is 0
    c.kl_anneal_steps = 0;
  }
  if (kind == "lstm") {  // the baseline language model: 2 x LSTM 512
    c.window = 1024;
    c.embedding = 256;
    c.decoder_hidden = 512;
    c.decoder_layers = 2;
    c.dropout = 0.1;
    c.free_bits = 0.0;
    c.kl_anneal_steps = 0;
  }
  return c;
}

}  // namespace cadenza::model
