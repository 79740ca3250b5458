#pragma once
// VAE-Transformer (PAPER.md section 2) and the Transformer block it is built from.
//
// Paper preset (as the notebook): one-hot input (an embedding lookup of width `model_dim`) +
// sinusoidal positions -> one block (multi-head self-attention, feed-forward, LayerNorm after
// each residual, dropout) -> per-position Dense mu and logvar (latent per time step) -> z ->
// Dense -> one block -> time-distributed softmax that reconstructs the INPUT window itself.
// Nothing is masked, so the decoder can copy; generation reads the last position's output.
//
// Default: the encoder's blocks read the whole window and their mean gives one latent per
// sequence; the decoder is causal (each position attends only to itself and earlier ones),
// reads the preceding tokens with z projected and added at every position, and predicts the
// next token at every position. LayerNorm before each sublayer (stable at this depth).
#include "model/vae_model.h"

namespace cadenza::model {

class TransformerBlockImpl : public torch::nn::Module {
 public:
  TransformerBlockImpl(std::int64_t dim, std::int64_t heads, std::int64_t feed_forward,
                       double dropout, bool norm_first);
  // x: [B, L, dim]; causal: position i attends to positions <= i only.
  torch::Tensor forward(const torch::Tensor& x, bool causal);

 private:
  torch::Tensor attention(const torch::Tensor& x, bool causal);

  std::int64_t heads_;
  bool norm_first_;
  torch::nn::Linear qkv{nullptr}, out{nullptr}, ff_in{nullptr}, ff_out{nullptr};
  torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(TransformerBlock);

// Sinusoidal position encoding [length, dim] (Vaswani et al. 2017).
torch::Tensor sinusoidal_positions(std::int64_t length, std::int64_t dim);

class VaeTransformerImpl : public VaeModelImpl {
 public:
  explicit VaeTransformerImpl(const ModelConfig& config);

  std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& window) override;
  torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& window) override;
  // The paper model reconstructs its input, so its next-token guess is its last position.
  std::pair<torch::Tensor, torch::Tensor> next_token_predictions(
      const torch::Tensor& examples) override;
  std::int64_t predictions_per_example() const override { return config_.window; }

 protected:
  torch::Tensor targets(const torch::Tensor& examples, const torch::Tensor& inputs) override;

 private:
  torch::Tensor embed(const torch::Tensor& window);

  torch::nn::Embedding embedding{nullptr};
  torch::nn::ModuleList encoder_blocks{nullptr}, decoder_blocks{nullptr};
  torch::nn::Linear to_mu{nullptr}, to_logvar{nullptr}, from_latent{nullptr}, to_logits{nullptr};
  torch::nn::LayerNorm final_norm{nullptr};
  torch::nn::Dropout dropout{nullptr};
  torch::Tensor positions;  // buffer [window, model_dim]
};
TORCH_MODULE(VaeTransformer);

}  // namespace cadenza::model
