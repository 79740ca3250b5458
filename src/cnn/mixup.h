#pragma once
// Mixup (Zhang et al. 2018) for the trainer (internal: includes torch): each image of a batch
// blended with a partner of the same batch, the loss with both labels in the same proportion.
#include <torch/torch.h>

namespace cadenza::cnn {

// lambda x + (1 - lambda) x[partner] (partner: a permutation of the batch, int64).
torch::Tensor mix_inputs(const torch::Tensor& x, const torch::Tensor& partner, double lambda);

// lambda CE(logits, y) + (1 - lambda) CE(logits, y[partner]), each the batch mean.
torch::Tensor mixup_loss(const torch::Tensor& logits, const torch::Tensor& y,
                         const torch::Tensor& partner, double lambda);

}  // namespace cadenza::cnn
