#pragma once
// The torch side of CnnModel (internal to the cnn module).
#include <torch/torch.h>

#include <string>

#include "cnn/cnn_model.h"
#include "cnn/network.h"

namespace cadenza::cnn {

struct CnnModel::Impl {
  ModelSpec spec;
  mutable CnnNet net{nullptr};  // forward() in const queries
  torch::Device device{torch::kCPU};
  torch::Tensor mean, stddev;  // [1, 1, bands, 1] on `device`

  // Sets the standardisation tensors from spec.mean / spec.stddev.
  void update_normalisation();
  // Raw images (dB) -> the standardised network input [n, 1, bands, frames] on `device`.
  torch::Tensor input(const ImageSet& images, std::size_t first, std::size_t count) const;
};

NetConfig net_config(const ModelSpec& spec);

}  // namespace cadenza::cnn
