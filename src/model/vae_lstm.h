#pragma once
// VAE-LSTM (PAPER.md section 2).
//
// Paper preset: the input window is ids scaled to [0, 1) (id / vocab, one float per step);
// encoder 2 x LSTM 256 -> last state -> Dense mu, Dense logvar (latent 64) -> z; decoder:
// Dense upscaling of z, repeated over the window -> 2 x LSTM 256 -> last output -> Dense
// softmax for the next token. Loss CE + KL. (It collapses: the decoder never sees the
// tokens, so it learns the token frequencies and z is ignored.)
//
// Default: token embeddings; an LSTM encoder summarises the window into z; the decoder
// reads the preceding tokens (teacher forcing) with z concatenated to every step and z also
// giving the decoder's initial state, and predicts the next token at every
// position.
#include "model/vae_model.h"

namespace cadenza::model {

class VaeLstmImpl : public VaeModelImpl {
 public:
  explicit VaeLstmImpl(const ModelConfig& config);

  std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& window) override;
  torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& window) override;
  std::int64_t predictions_per_example() const override {
    return config_.paper ? 1 : config_.window;
  }

 protected:
  torch::Tensor targets(const torch::Tensor& examples, const torch::Tensor& inputs) override;

 private:
  torch::Tensor encoder_input(const torch::Tensor& window);

  torch::nn::Embedding embedding{nullptr};  // default only
  torch::nn::LSTM encoder{nullptr}, decoder{nullptr};
  torch::nn::Linear to_mu{nullptr}, to_logvar{nullptr};
  torch::nn::Linear upscale{nullptr};  // z -> decoder input (paper) or initial state (default)
  torch::nn::Linear to_logits{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(VaeLstm);

}  // namespace cadenza::model
