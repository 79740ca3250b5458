#pragma once
// A CNN whose answer is known without running cadenza's code: every convolution weight is 0 and
// BatchNorm is the identity, so the features reaching the head are 0 for any input; the head's
// weights are 0 and its bias is log(p). Its class probabilities are therefore exactly `p` for
// every window of any length, which tests compare against the whole path (windows, log-mel,
// network, softmax, model file, classifier wrapper).
#include <torch/torch.h>

#include <cmath>
#include <string>
#include <vector>

#include "cnn/cnn_model.h"
#include "cnn/model_impl.h"

namespace cadenza::cnn::testing {

inline CnnModel constant_model(const std::vector<std::string>& labels, const std::vector<float>& p,
                               double segment_seconds = 1) {
  ModelSpec spec;
  spec.labels = labels;
  spec.segment_seconds = segment_seconds;
  spec.window_samples = window_samples_for(segment_seconds);
  spec.frames = static_cast<int>(spec.window_samples / 512) + 1;
  spec.channels = {4, 4, 4, 4};
  spec.mean.assign(static_cast<std::size_t>(spec.bands), 0.0f);
  spec.stddev.assign(static_cast<std::size_t>(spec.bands), 1.0f);
  CnnModel model(spec);
  CnnNetImpl& net = *model.impl().net;
  torch::NoGradGuard no_grad;
  for (auto& item : net.named_parameters()) {
    torch::Tensor& t = item.value();
    const std::string& key = item.key();
    const bool ends_in_weight = key.size() > 7 && key.compare(key.size() - 7, 7, ".weight") == 0;
    if (t.dim() == 1 && key.rfind("blocks.", 0) == 0 && ends_in_weight)  // BatchNorm's scale
      t.fill_(1.0);
    else
      t.zero_();
  }
  for (auto& item : net.named_buffers()) {
    if (item.key().find("running_var") != std::string::npos) item.value().fill_(1.0);
    if (item.key().find("running_mean") != std::string::npos) item.value().zero_();
  }
  std::vector<float> log_p;
  for (float v : p) log_p.push_back(std::log(v));
  net.head->bias.copy_(torch::tensor(log_p));
  return model;
}

}  // namespace cadenza::cnn::testing
