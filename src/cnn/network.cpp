#include "cnn/network.h"

#include <stdexcept>
#include <string>

namespace cadenza::cnn {

CnnNetImpl::CnnNetImpl(const NetConfig& net_config) : config(net_config) {
  if (config.channels.empty() || config.classes < 2 || config.pooled_bands() < 1)
    throw std::invalid_argument("cnn: inconsistent network configuration");
  std::int64_t in = 1;
  for (int out : config.channels) {
    blocks->push_back(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
    blocks->push_back(torch::nn::BatchNorm2d(out));
    blocks->push_back(torch::nn::ReLU());
    blocks->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)));
    in = out;
  }
  register_module("blocks", blocks);
  dropout = register_module("dropout", torch::nn::Dropout(config.dropout));
  const std::int64_t features = config.global_pool ? in : in * config.pooled_bands();
  head = register_module("head", torch::nn::Linear(features, config.classes));
}

torch::Tensor CnnNetImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = blocks->forward(x);  // [batch, channels, pooled bands, pooled frames]
  h = config.global_pool ? h.mean({2, 3}) : h.mean(3).flatten(1);  // over time (and bands)
  return head->forward(dropout->forward(h));
}

std::vector<std::pair<std::string, torch::Tensor>> net_state(CnnNetImpl& net) {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& p : net.named_parameters()) out.emplace_back(p.key(), p.value());
  for (const auto& b : net.named_buffers()) out.emplace_back(b.key(), b.value());
  return out;
}

}  // namespace cadenza::cnn
