#pragma once
// Fast generation for the default VAE-LSTM: with z fixed for the whole piece, the decoder's
// LSTM state is carried from token to token, so each new token costs one LSTM step instead of
// re-running the encoder and decoder over the whole window (the paper's procedure). Within
// the first `window` tokens it gives exactly decode(z, context)'s last logits; past that the
// state keeps the whole history instead of dropping the oldest token ("stateful" decoding).
//
// It reads the model's parameters by name ("embedding.weight", "upscale.*", "decoder.*_l<k>",
// "to_logits.*"), so it serves checkpoints of model/vae_lstm.h's default preset only.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "model/vae_model.h"

namespace cadenza::generate {

class LstmStepper {
 public:
  // Throws std::invalid_argument when the model is not a default-preset VAE-LSTM.
  explicit LstmStepper(model::VaeModelImpl& model);
  static bool supports(const model::VaeModelImpl& model);

  // Starts each row's piece from z [B, latent] and its context [B, T] (T >= 1); returns the
  // logits [B, vocab] for the token after the context.
  torch::Tensor start(const torch::Tensor& z, const torch::Tensor& context);
  // Feeds the chosen tokens [B] and returns the logits for the token after them.
  torch::Tensor step(const torch::Tensor& tokens);

 private:
  torch::Tensor run(const torch::Tensor& tokens);            // [B, T] ids -> last logits
  torch::Tensor logits_of(const torch::Tensor& top_hidden);  // [B, H] -> [B, vocab]

  torch::Tensor embedding_, upscale_weight_, upscale_bias_, logits_weight_, logits_bias_;
  std::vector<torch::Tensor> lstm_params_;  // per layer: w_ih, w_hh, b_ih, b_hh
  // One step without at::lstm's per-call work: per layer [w_ih | w_hh]^T and b_ih + b_hh;
  // layer 0's z columns are folded into z_gates_ at start().
  std::vector<torch::Tensor> step_weights_, step_biases_;
  torch::Tensor z_gates_;
  std::int64_t layers_, hidden_;
  torch::Tensor z_;
  std::vector<torch::Tensor> h_, c_;  // per layer [B, H]
};

}  // namespace cadenza::generate
