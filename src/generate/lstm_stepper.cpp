#include "generate/lstm_stepper.h"

#include <stdexcept>

namespace cadenza::generate {
namespace {

torch::Tensor parameter(const torch::OrderedDict<std::string, torch::Tensor>& named,
                        const std::string& name) {
  const torch::Tensor* found = named.find(name);
  if (!found)
    throw std::invalid_argument("fast generation: the model has no parameter '" + name + "'");
  return found->detach();
}

}  // namespace

bool LstmStepper::supports(const model::VaeModelImpl& model) {
  return model.config().kind == "vae-lstm" && !model.config().paper;
}

LstmStepper::LstmStepper(model::VaeModelImpl& model)
    : layers_(model.config().decoder_layers), hidden_(model.config().decoder_hidden) {
  if (!supports(model))
    throw std::invalid_argument(
        "fast generation needs a default-preset vae-lstm model (this one is " +
        model.config().kind + (model.config().paper ? ", paper preset" : "") + ")");
  const auto named = model.named_parameters();
  embedding_ = parameter(named, "embedding.weight");
  upscale_weight_ = parameter(named, "upscale.weight");
  upscale_bias_ = parameter(named, "upscale.bias");
  logits_weight_ = parameter(named, "to_logits.weight");
  logits_bias_ = parameter(named, "to_logits.bias");
  for (std::int64_t l = 0; l < layers_; ++l)
    for (const char* kind : {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"})
      lstm_params_.push_back(parameter(named, "decoder." + std::string(kind) + std::to_string(l)));
  const auto embedding = embedding_.size(1);
  for (std::int64_t l = 0; l < layers_; ++l) {
    torch::Tensor w_ih = lstm_params_[4 * l], w_hh = lstm_params_[4 * l + 1];
    if (l == 0) w_ih = w_ih.narrow(1, 0, embedding);  // the z columns go to z_gates_
    step_weights_.push_back(torch::cat({w_ih, w_hh}, 1).t().contiguous());
    step_biases_.push_back(lstm_params_[4 * l + 2] + lstm_params_[4 * l + 3]);
  }
}

torch::Tensor LstmStepper::logits_of(const torch::Tensor& top_hidden) {
  return torch::addmm(logits_bias_, top_hidden, logits_weight_.t());
}

torch::Tensor LstmStepper::run(const torch::Tensor& tokens) {
  const auto steps = tokens.size(1);
  torch::Tensor inputs = torch::cat(
      {torch::embedding(embedding_, tokens), z_.unsqueeze(1).expand({z_.size(0), steps, -1})}, 2);
  auto [outputs, h, c] = at::lstm(inputs, {torch::stack(h_), torch::stack(c_)}, lstm_params_,
                                  /*has_biases=*/true, layers_,
                                  /*dropout=*/0.0, /*train=*/false, /*bidirectional=*/false,
                                  /*batch_first=*/true);
  h_ = h.unbind(0);
  c_ = c.unbind(0);
  return logits_of(outputs.select(1, steps - 1));
}

torch::Tensor LstmStepper::start(const torch::Tensor& z, const torch::Tensor& context) {
  if (z.dim() != 2 || context.dim() != 2 || z.size(0) != context.size(0) || context.size(1) < 1)
    throw std::invalid_argument("fast generation: z must be [B, latent] and context [B, T>0]");
  z_ = z.to(embedding_.device(), torch::kFloat);
  // As the model's decode(): z sets every layer's initial hidden state, cells start at zero.
  const torch::Tensor h0 = torch::tanh(torch::addmm(upscale_bias_, z_, upscale_weight_.t()))
                               .view({z_.size(0), layers_, hidden_})
                               .transpose(0, 1)
                               .contiguous();
  h_ = h0.unbind(0);
  c_ = torch::zeros_like(h0).unbind(0);
  const auto embedding = embedding_.size(1);
  z_gates_ =
      torch::addmm(step_biases_[0], z_, lstm_params_[0].narrow(1, embedding, z_.size(1)).t());
  return run(context.to(embedding_.device()));
}

torch::Tensor LstmStepper::step(const torch::Tensor& tokens) {
  // The LSTM cell in PyTorch's gate order (input, forget, cell, output), one layer at a time.
  torch::Tensor x = torch::embedding(embedding_, tokens.to(embedding_.device()).view({-1}));
  for (std::int64_t l = 0; l < layers_; ++l) {
    const torch::Tensor bias = l == 0 ? z_gates_ : step_biases_[l];
    const torch::Tensor gates = torch::addmm(bias, torch::cat({x, h_[l]}, 1), step_weights_[l]);
    const auto parts = gates.chunk(4, 1);
    torch::Tensor c =
        torch::sigmoid(parts[1]) * c_[l] + torch::sigmoid(parts[0]) * torch::tanh(parts[2]);
    x = torch::sigmoid(parts[3]) * torch::tanh(c);
    h_[l] = x;
    c_[l] = c;
  }
  return logits_of(x);
}

}  // namespace cadenza::generate
