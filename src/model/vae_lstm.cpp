#include "model/vae_lstm.h"

#include "model/fused_lstm.h"

namespace cadenza::model {
namespace {
namespace F = torch::nn::functional;

torch::nn::LSTMOptions lstm_options(std::int64_t input, std::int64_t hidden, std::int64_t layers,
                                    double dropout) {
  return torch::nn::LSTMOptions(input, hidden)
      .num_layers(layers)
      .batch_first(true)
      .dropout(layers > 1 ? dropout : 0.0);
}
}  // namespace

VaeLstmImpl::VaeLstmImpl(const ModelConfig& config) : VaeModelImpl(config) {
  const auto& c = config_;
  if (c.paper) {
    encoder = register_module(
        "encoder", torch::nn::LSTM(lstm_options(1, c.encoder_hidden, c.encoder_layers, 0.0)));
    upscale = register_module("upscale", torch::nn::Linear(c.latent, c.decoder_hidden));
    decoder = register_module(
        "decoder",
        torch::nn::LSTM(lstm_options(c.decoder_hidden, c.decoder_hidden, c.decoder_layers, 0.0)));
  } else {
    embedding = register_module("embedding", torch::nn::Embedding(c.vocab_size, c.embedding));
    encoder = register_module(
        "encoder",
        torch::nn::LSTM(lstm_options(c.embedding, c.encoder_hidden, c.encoder_layers, c.dropout)));
    upscale = register_module("upscale",
                              torch::nn::Linear(c.latent, c.decoder_hidden * c.decoder_layers));
    decoder = register_module("decoder",
                              torch::nn::LSTM(lstm_options(c.embedding + c.latent, c.decoder_hidden,
                                                           c.decoder_layers, c.dropout)));
  }
  to_mu = register_module("to_mu", torch::nn::Linear(c.encoder_hidden, c.latent));
  to_logvar = register_module("to_logvar", torch::nn::Linear(c.encoder_hidden, c.latent));
  to_logits = register_module("to_logits", torch::nn::Linear(c.decoder_hidden, c.vocab_size));
  dropout = register_module("dropout", torch::nn::Dropout(c.paper ? 0.0 : c.dropout));
}

torch::Tensor VaeLstmImpl::encoder_input(const torch::Tensor& window) {
  if (config_.paper)  // one float per step: id / vocab size
    return (window.to(torch::kFloat) / static_cast<double>(config_.vocab_size)).unsqueeze(2);
  return dropout(embedding(window));
}

std::pair<torch::Tensor, torch::Tensor> VaeLstmImpl::encode(const torch::Tensor& window) {
  auto [outputs, state] = run_lstm(encoder, encoder_input(window));
  torch::Tensor summary = outputs.select(1, outputs.size(1) - 1);  // last step, top layer
  return {to_mu(summary), to_logvar(summary)};
}

torch::Tensor VaeLstmImpl::decode(const torch::Tensor& z, const torch::Tensor& window) {
  const auto batch = z.size(0);
  if (config_.paper) {
    torch::Tensor steps = torch::relu(upscale(z)).unsqueeze(1).expand({batch, config_.window, -1});
    auto [outputs, state] = run_lstm(decoder, steps.contiguous());
    return to_logits(outputs.select(1, outputs.size(1) - 1)).unsqueeze(1);  // [B, 1, V]
  }
  // z reaches every step, concatenated to each token's vector...
  const auto steps = window.size(1);
  torch::Tensor inputs =
      torch::cat({dropout(embedding(window)), z.unsqueeze(1).expand({batch, steps, -1})}, 2);
  // ...and sets the initial hidden state of every decoder layer; cells start at zero.
  torch::Tensor h0 = torch::tanh(upscale(z))
                         .view({batch, config_.decoder_layers, config_.decoder_hidden})
                         .transpose(0, 1)
                         .contiguous();
  torch::Tensor c0 = torch::zeros_like(h0);
  auto [outputs, state] = run_lstm(decoder, inputs, {h0, c0});
  return to_logits(dropout(outputs));  // [B, W, V]
}

torch::Tensor VaeLstmImpl::targets(const torch::Tensor& examples, const torch::Tensor& inputs) {
  const auto window = inputs.size(1);
  // The paper's model predicts only the token after the window; the default every next token.
  return config_.paper ? examples.select(1, window).contiguous()
                       : examples.narrow(1, 1, window).reshape({-1});
}

}  // namespace cadenza::model
