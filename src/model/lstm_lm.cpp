#include "model/lstm_lm.h"

namespace cadenza::model {

LstmLmImpl::LstmLmImpl(const ModelConfig& c) : VaeModelImpl(c) {
  embedding = register_module("embedding", torch::nn::Embedding(c.vocab_size, c.embedding));
  lstm = register_module("lstm",
                         torch::nn::LSTM(torch::nn::LSTMOptions(c.embedding, c.decoder_hidden)
                                             .num_layers(c.decoder_layers)
                                             .batch_first(true)
                                             .dropout(c.decoder_layers > 1 ? c.dropout : 0.0)));
  to_logits = register_module("to_logits", torch::nn::Linear(c.decoder_hidden, c.vocab_size));
  dropout = register_module("dropout", torch::nn::Dropout(c.dropout));
}

std::pair<torch::Tensor, torch::Tensor> LstmLmImpl::encode(const torch::Tensor& window) {
  torch::Tensor empty = torch::zeros({window.size(0), 0}, embedding->weight.options());
  return {empty, empty};
}

torch::Tensor LstmLmImpl::decode(const torch::Tensor& /*z*/, const torch::Tensor& window) {
  torch::Tensor outputs = std::get<0>(lstm->forward(dropout(embedding(window))));
  return to_logits(dropout(outputs));
}

torch::Tensor LstmLmImpl::targets(const torch::Tensor& examples, const torch::Tensor& /*inputs*/) {
  return examples.narrow(1, 1, examples.size(1) - 1).reshape({-1});
}

}  // namespace cadenza::model
