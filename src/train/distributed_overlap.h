#pragma once
// The gradient all-reduce overlapped with backward, as DDP's Reducer does it
// (docs/distributed.md). The parameters are grouped into buckets in reverse order, about the
// order in which backward produces their gradients (the first bucket at most 1 MiB, DDP's
// first_bucket_bytes, so that the first all-reduce starts early; the others at most the bucket
// size). A post-hook on each parameter's gradient accumulator marks it ready once its gradient
// is written; when every gradient of a bucket is ready, the bucket's gradients are copied into
// one flat tensor and its all-reduce starts on Gloo's thread while backward goes on. Buckets
// start in index order on every rank, whatever order the hooks fire in, so the ranks'
// collectives always pair up.
#include <torch/torch.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace c10d {
class Work;
}  // namespace c10d

namespace torch::autograd {
struct Node;
}  // namespace torch::autograd

namespace cadenza::train {

class DataParallel;

class OverlappedGradients {
 public:
  // Puts the hooks on `parameters` (leaf tensors that require gradients).
  OverlappedGradients(DataParallel& group, std::vector<torch::Tensor> parameters,
                      std::size_t bucket_bytes);
  ~OverlappedGradients();  // takes the hooks off
  OverlappedGradients(const OverlappedGradients&) = delete;
  OverlappedGradients& operator=(const OverlappedGradients&) = delete;

  // Before backward: arms the hooks. `extra` (a small 1-D tensor: the step's loss means) rides
  // in the last bucket, which starts when backward is all but done.
  void prepare(const torch::Tensor& extra);
  // After backward: starts the buckets still waiting (a parameter without a gradient takes
  // part with zeros), waits for every bucket, and writes the sums into the gradients. Returns
  // `extra` summed over the ranks.
  torch::Tensor finish();
  // Buckets whose all-reduce has started this step (before finish(): those backward started).
  std::size_t started() const { return next_; }

  // Parameter indices per bucket, in the order the buckets start: reverse parameter order,
  // the first bucket at most `first_bytes`, the others at most `bytes` (a parameter larger
  // than the limit gets a bucket of its own), one kind (dtype, device) per bucket.
  static std::vector<std::vector<std::size_t>> buckets(const std::vector<torch::Tensor>& tensors,
                                                       std::size_t first_bytes, std::size_t bytes);

 private:
  void ready(std::size_t parameter);
  void start_ready_buckets();
  void start(std::size_t bucket);

  DataParallel& group_;
  std::vector<torch::Tensor> parameters_;
  std::vector<std::vector<std::size_t>> buckets_;
  std::vector<std::size_t> bucket_of_;  // parameter -> bucket
  // Held, as DDP holds them: a parameter's accumulator lives only as long as someone holds it.
  std::vector<std::shared_ptr<torch::autograd::Node>> accumulators_;
  std::vector<std::uintptr_t> hooks_;

  // One step's state.
  bool armed_ = false;
  torch::Tensor extra_;
  std::vector<bool> marked_;          // per parameter
  std::vector<std::size_t> waiting_;  // per bucket: gradients not yet ready
  std::size_t next_ = 0;              // the next bucket to start
  std::vector<torch::Tensor> flat_;   // per bucket, while its all-reduce runs
  std::vector<c10::intrusive_ptr<c10d::Work>> work_;
  std::string error_;  // a hook cannot throw through backward: finish() does
};

}  // namespace cadenza::train
