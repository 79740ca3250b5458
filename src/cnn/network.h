#pragma once
// The network itself (internal: the only cnn header that includes torch). Input: standardised
// log-mel images [batch, 1, bands, frames]. Four blocks of 3x3 convolution (no bias) ->
// BatchNorm -> ReLU -> 2x2 max pooling, with 16, 32, 64, 128 channels; then the mean over time
// (any number of frames >= 16 works, so windows of other lengths can be classified), the
// remaining bands x channels flattened, dropout and one linear layer to the class logits.
// Averaging over time only keeps where in the spectrum a pattern sits, which a global average
// (NetConfig::global_pool, a smaller head) throws away.
#include <torch/torch.h>

#include <vector>

namespace cadenza::cnn {

struct NetConfig {
  int bands = 128;
  int classes = 2;
  std::vector<int> channels{16, 32, 64, 128};
  double dropout = 0.3;
  bool global_pool = false;  // mean over bands and time: no band position reaches the head
  // Bands left after the poolings (bands >> blocks) and the minimum frames of an input.
  int pooled_bands() const { return bands >> static_cast<int>(channels.size()); }
  int min_frames() const { return 1 << static_cast<int>(channels.size()); }
};

struct CnnNetImpl : torch::nn::Module {
  explicit CnnNetImpl(const NetConfig& config);
  torch::Tensor forward(const torch::Tensor& x);  // logits [batch, classes]

  NetConfig config;
  torch::nn::Sequential blocks;
  torch::nn::Dropout dropout{nullptr};
  torch::nn::Linear head{nullptr};
};
TORCH_MODULE(CnnNet);

// Parameters, then buffers (BatchNorm running statistics and counters), in a fixed order.
std::vector<std::pair<std::string, torch::Tensor>> net_state(CnnNetImpl& net);

}  // namespace cadenza::cnn
