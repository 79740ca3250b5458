#pragma once
// A plain LSTM language model, the baseline the transformer is measured against (issue #12):
// token embedding -> `decoder_layers` LSTM layers of `decoder_hidden` units -> logits of the
// next token at every position. Like the transformer it is the VAE interface's degenerate case
// (no encoder, empty latent, KL 0).
#include "model/vae_model.h"

namespace cadenza::model {

class LstmLmImpl : public VaeModelImpl {
 public:
  explicit LstmLmImpl(const ModelConfig& config);

  std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& window) override;
  torch::Tensor decode(const torch::Tensor& z, const torch::Tensor& window) override;
  std::int64_t predictions_per_example() const override { return config_.window; }

 protected:
  torch::Tensor targets(const torch::Tensor& examples, const torch::Tensor& inputs) override;

 private:
  torch::nn::Embedding embedding{nullptr};
  torch::nn::LSTM lstm{nullptr};
  torch::nn::Linear to_logits{nullptr};
  torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(LstmLm);

}  // namespace cadenza::model
