#include "model/vae_transformer.h"

#include <cmath>

namespace cadenza::model {

TransformerBlockImpl::TransformerBlockImpl(std::int64_t dim, std::int64_t heads,
                                           std::int64_t feed_forward, double dropout_rate,
                                           bool norm_first)
    : heads_(heads), norm_first_(norm_first) {
  qkv = register_module("qkv", torch::nn::Linear(dim, 3 * dim));
  out = register_module("out", torch::nn::Linear(dim, dim));
  ff_in = register_module("ff_in", torch::nn::Linear(dim, feed_forward));
  ff_out = register_module("ff_out", torch::nn::Linear(feed_forward, dim));
  norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  dropout = register_module("dropout", torch::nn::Dropout(dropout_rate));
}

torch::Tensor TransformerBlockImpl::attention(const torch::Tensor& x, bool causal) {
  const auto batch = x.size(0), length = x.size(1), dim = x.size(2);
  const auto head_dim = dim / heads_;
  // [B, L, 3, H, Dh] -> three [B, H, L, Dh]
  torch::Tensor projected =
      qkv(x).view({batch, length, 3, heads_, head_dim}).permute({2, 0, 3, 1, 4});
  torch::Tensor q = projected[0], k = projected[1], v = projected[2];
  torch::Tensor scores =
      torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(head_dim));
  if (causal) {
    torch::Tensor future =
        torch::ones({length, length}, torch::TensorOptions().dtype(torch::kBool).device(x.device()))
            .triu(1);
    scores = scores.masked_fill(future, -std::numeric_limits<float>::infinity());
  }
  torch::Tensor weights = dropout(torch::softmax(scores, -1));
  torch::Tensor mixed = torch::matmul(weights, v).transpose(1, 2).reshape({batch, length, dim});
  return out(mixed);
}

torch::Tensor TransformerBlockImpl::forward(const torch::Tensor& x, bool causal) {
  auto feed_forward = [&](const torch::Tensor& h) {
    return ff_out(dropout(torch::gelu(ff_in(h))));
  };
  if (norm_first_) {
    torch::Tensor h = x + dropout(attention(norm1(x), causal));
    return h + dropout(feed_forward(norm2(h)));
  }
  torch::Tensor h = norm1(x + dropout(attention(x, causal)));
  return norm2(h + dropout(feed_forward(h)));
}

torch::Tensor sinusoidal_positions(std::int64_t length, std::int64_t dim) {
  torch::Tensor position = torch::arange(length, torch::kFloat).unsqueeze(1);
  torch::Tensor frequency = torch::exp(torch::arange(0, dim, 2, torch::kFloat) *
                                       (-std::log(10000.0) / static_cast<double>(dim)));
  torch::Tensor table = torch::zeros({length, dim});
  table.index_put_({torch::indexing::Slice(), torch::indexing::Slice(0, torch::indexing::None, 2)},
                   torch::sin(position * frequency));
  table.index_put_({torch::indexing::Slice(), torch::indexing::Slice(1, torch::indexing::None, 2)},
                   torch::cos(position * frequency).narrow(1, 0, dim / 2));
  return table;
}

VaeTransformerImpl::VaeTransformerImpl(const ModelConfig& config) : VaeModelImpl(config) {
  const auto& c = config_;
  const bool norm_first = !c.paper;
  embedding = register_module("embedding", torch::nn::Embedding(c.vocab_size, c.model_dim));
  encoder_blocks = register_module("encoder_blocks", torch::nn::ModuleList());
  decoder_blocks = register_module("decoder_blocks", torch::nn::ModuleList());
  for (std::int64_t i = 0; i < c.encoder_blocks; ++i)
    encoder_blocks->push_back(
        TransformerBlock(c.model_dim, c.heads, c.feed_forward, c.dropout, norm_first));
  for (std::int64_t i = 0; i < c.decoder_blocks; ++i)
    decoder_blocks->push_back(
        TransformerBlock(c.model_dim, c.heads, c.feed_forward, c.dropout, norm_first));
  to_mu = register_module("to_mu", torch::nn::Linear(c.model_dim, c.latent));
  to_logvar = register_module("to_logvar", torch::nn::Linear(c.model_dim, c.latent));
  from_latent = register_module("from_latent", torch::nn::Linear(c.latent, c.model_dim));
  final_norm = register_module("final_norm",
                               torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.model_dim})));
  to_logits = register_module("to_logits", torch::nn::Linear(c.model_dim, c.vocab_size));
  dropout = register_module("dropout", torch::nn::Dropout(c.dropout));
  positions = register_buffer("positions", sinusoidal_positions(c.window, c.model_dim));
}

torch::Tensor VaeTransformerImpl::embed(const torch::Tensor& window) {
  const auto length = window.size(1);
  torch::Tensor x = embedding(window) * std::sqrt(static_cast<double>(config_.model_dim));
  return dropout(x + positions.narrow(0, 0, length));
}

std::pair<torch::Tensor, torch::Tensor> VaeTransformerImpl::encode(const torch::Tensor& window) {
  torch::Tensor h = embed(window);
  for (const auto& block : *encoder_blocks) h = block->as<TransformerBlock>()->forward(h, false);
  if (!config_.paper) h = h.mean(1);  // one latent per sequence
  return {to_mu(h), to_logvar(h)};
}

torch::Tensor VaeTransformerImpl::decode(const torch::Tensor& z, const torch::Tensor& window) {
  torch::Tensor h;
  if (config_.paper) {
    h = from_latent(z) + positions.narrow(0, 0, z.size(1));  // z: [B, W, latent]
  } else {
    h = embed(window) + from_latent(z).unsqueeze(1);
  }
  for (const auto& block : *decoder_blocks)
    h = block->as<TransformerBlock>()->forward(h, !config_.paper);
  if (!config_.paper) h = final_norm(h);
  return to_logits(h);
}

torch::Tensor VaeTransformerImpl::targets(const torch::Tensor& examples,
                                          const torch::Tensor& inputs) {
  // The paper's model reconstructs its own input window; the default predicts the next token.
  return (config_.paper ? inputs : examples.narrow(1, 1, inputs.size(1))).reshape({-1});
}

std::pair<torch::Tensor, torch::Tensor> VaeTransformerImpl::next_token_predictions(
    const torch::Tensor& examples) {
  if (!config_.paper) return VaeModelImpl::next_token_predictions(examples);
  const auto window = examples.size(1) - 1;
  return {next_token_logits(examples.narrow(1, 0, window)),
          examples.select(1, window).contiguous()};
}

}  // namespace cadenza::model
