#pragma once
// A decoder-only Transformer language model (GPT-style) over token ids: token embedding ->
// `decoder_blocks` pre-norm blocks of causal multi-head self-attention with rotary positions
// (RoFormer, Su et al. 2021: queries and keys are rotated by their absolute position, so the
// attention scores depend on relative distance only) and a GELU feed-forward -> LayerNorm ->
// logits, with the output projection tied to the embedding. Dropout on the embeddings and on
// each residual branch, not on the attention weights (too dear on CPU at 1,024 positions).
//
// Training goes through the VAE interface (vae_model.h) as its degenerate case: no encoder, an
// empty latent, so the KL term is 0 and the loss is the next-token cross-entropy at every
// position. Generation uses the key/value cache: each new token costs one position of work.
//
//   KvCache cache = model->new_cache(/*batch=*/1);
//   torch::Tensor logits = model->extend(prompt_ids, cache);  // [B, vocab] after the prompt
//   logits = model->extend(next_id, cache);                   // one more token
#include "model/vae_model.h"

namespace cadenza::model {

// Keys and values of every block for the positions seen so far.
struct KvCache {
  std::vector<torch::Tensor> keys, values;  // per block: [B, heads, capacity, head_dim]
  std::int64_t length = 0;                  // positions filled
  std::int64_t capacity = 0;
};

class CausalSelfAttentionImpl : public torch::nn::Module {
 public:
  CausalSelfAttentionImpl(std::int64_t dim, std::int64_t heads, double dropout);
  // x: [B, T, dim] at positions start .. start + T - 1. With `cache` (keys/values of the
  // positions before `start`, and room for T more) the new keys and values are stored there.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                        torch::Tensor* cache_keys, torch::Tensor* cache_values, std::int64_t start);

 private:
  // 0 where a query may look, -inf after it, for `count` queries that see `visible` keys.
  torch::Tensor causal_bias(std::int64_t count, std::int64_t visible, const torch::Device& device);

  std::int64_t heads_;
  torch::Tensor bias_;
  torch::nn::Linear qkv{nullptr}, out{nullptr};
};
TORCH_MODULE(CausalSelfAttention);

class DecoderBlockImpl : public torch::nn::Module {
 public:
  DecoderBlockImpl(std::int64_t dim, std::int64_t heads, std::int64_t feed_forward, double dropout);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                        torch::Tensor* cache_keys, torch::Tensor* cache_values, std::int64_t start);

 private:
  torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  CausalSelfAttention attention{nullptr};
  torch::nn::Linear ff_in{nullptr}, ff_out{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(DecoderBlock);

class TransformerLmImpl : public VaeModelImpl {
 public:
  explicit TransformerLmImpl(const ModelConfig& config);

  // Empty latent ([B, 0]): there is no encoder.
  std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& window) override;
  // Logits [B, W, vocab] for the token after each position of `window`; z is ignored.
  torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& window) override;
  std::int64_t predictions_per_example() const override { return config_.window; }

  // A cache for `batch` sequences of up to `capacity` positions (default: the training
  // context) on the model's device.
  KvCache new_cache(std::int64_t batch, std::int64_t capacity = 0) const;
  // Feeds ids [B, T] after the cached positions; returns the logits [B, vocab] of the token
  // that follows. Throws std::length_error when the cache has no room for T more.
  torch::Tensor extend(const torch::Tensor& ids, KvCache& cache);

 protected:
  torch::Tensor targets(const torch::Tensor& examples, const torch::Tensor& inputs) override;

 private:
  torch::Tensor run(const torch::Tensor& ids, KvCache* cache);
  // cos and sin of the rotary angles for positions start .. start + count - 1: [count, head_dim]
  std::pair<torch::Tensor, torch::Tensor> rotary(std::int64_t start, std::int64_t count,
                                                 const torch::Device& device);

  torch::nn::Embedding embedding{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  torch::nn::LayerNorm final_norm{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::Tensor rotary_cos, rotary_sin;  // [positions, head_dim], computed on first use
};
TORCH_MODULE(TransformerLm);

}  // namespace cadenza::model
