#pragma once
// Data-parallel training over processes on PyTorch's c10d (docs/distributed.md): a TCPStore
// rendezvous, a Gloo process group on CPU (NCCL on CUDA where libtorch has it), and the four
// things DDP does for the trainer:
//   - broadcast(parameters): every rank starts from rank 0's weights;
//   - shard(rows): rank r's contiguous block of each global batch (every rank builds the same
//     global batch from the same data RNG, so the shards are disjoint and equally many);
//   - reduce_gradients(): the gradients summed over the ranks in buckets (each rank scaled its
//     loss by its share of the batch, so the sum is the global batch's mean gradient), after
//     backward, or overlapped with it (before_backward/after_backward, distributed_overlap.h);
//   - sum(values): loss statistics and validation sums over the ranks.
// A collective that fails (a rank died, or stopped answering for the timeout) throws one
// std::runtime_error naming this rank and, where known, the rank that failed.
#include <torch/torch.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "train/trainer.h"

namespace c10d {
class ProcessGroup;
class Store;
class Work;
}  // namespace c10d

namespace cadenza::train {

// Tensor indices grouped into all-reduce buckets, one dtype and device each: consecutive
// tensors in `order` (kReverse: about the order backward produces gradients), the first bucket
// at most `first_bytes`, the others at most `bytes` (a larger tensor gets a bucket of its own).
enum class BucketOrder { kForward, kReverse };
std::vector<std::vector<std::size_t>> bucket_tensors(const std::vector<torch::Tensor>& tensors,
                                                     BucketOrder order, std::size_t first_bytes,
                                                     std::size_t bytes);

class OverlappedGradients;

class DataParallel {
 public:
  // Joins the process group `options` describes; nullptr for world_size 1. Throws
  // std::runtime_error when the master cannot be reached, or the group does not form, within
  // options.timeout_seconds.
  static std::unique_ptr<DataParallel> connect(const DistributedOptions& options,
                                               const torch::Device& device);
  ~DataParallel();

  int rank() const { return rank_; }
  int size() const { return size_; }

  // This rank's rows [first, first + count) of a global batch of `rows`: contiguous blocks
  // whose sizes differ by at most one (a short last batch may leave a rank none).
  std::pair<std::size_t, std::size_t> shard(std::size_t rows) const;

  // Rank 0's values into every rank's tensors (in place, bucketed).
  void broadcast(const std::vector<torch::Tensor>& tensors);
  // Sums every parameter's gradient over the ranks, in buckets of at most 25 MiB (DDP's
  // default); a parameter without a gradient takes part with zeros. `extra` (a small 1-D
  // tensor, e.g. the step's weighted losses) rides in the last bucket and comes back summed.
  torch::Tensor reduce_gradients(const std::vector<torch::Tensor>& parameters,
                                 const torch::Tensor& extra);
  // One training step's backward with its gradient all-reduce. Without overlap,
  // after_backward() is reduce_gradients(). With DistributedOptions::overlap_allreduce, the
  // first before_backward() puts a hook on every parameter, and each bucket's all-reduce starts
  // as soon as backward has produced its gradients; after_backward() waits for them.
  void before_backward(const std::vector<torch::Tensor>& parameters, const torch::Tensor& extra);
  torch::Tensor after_backward(const std::vector<torch::Tensor>& parameters,
                               const torch::Tensor& extra);
  std::vector<double> sum(const std::vector<double>& values, const char* what);
  // Starts summing `tensor` over the ranks in place (Gloo's thread runs the collectives in the
  // order they were started); finish() waits for it, and throws as every collective does.
  c10::intrusive_ptr<c10d::Work> start_sum(torch::Tensor tensor, const char* what);
  void finish(const c10::intrusive_ptr<c10d::Work>& work, const char* what);
  // Throws on every rank when the ranks' fingerprints (of their settings and data) differ.
  void check_same(std::int64_t fingerprint, const std::string& what);
  void barrier();

 private:
  DataParallel();
  void run(const char* what, const std::function<void()>& collective);
  void check_same_buckets();
  [[noreturn]] void fail(const std::string& what, const std::string& error);
  // Every second each rank adds 1 to its counter in the store (its own connection, its own
  // thread); after a failed collective, counters that stand still name the ranks that stopped.
  void start_heartbeat(const std::string& host, int port);
  std::string silent_ranks();

  int rank_ = 0, size_ = 1;
  double timeout_seconds_ = 60;
  std::size_t bucket_bytes_ = 25u << 20;
  bool overlap_ = false;
  std::unique_ptr<OverlappedGradients> overlapped_;
  bool agent_store_ = false;
  std::string master_;
  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<c10d::ProcessGroup> group_;
  // Shared with the heartbeat thread, which may outlive this object: cut off from the master
  // (a pulled cable: no FIN, no RST) its store call can block for many minutes, and then the
  // destructor leaves it behind instead of hanging the exit.
  struct Heartbeat {
    std::mutex lock;
    std::condition_variable wake;
    bool stop = false, stopped = false;
  };
  std::shared_ptr<Heartbeat> heartbeat_state_;
  std::thread heartbeat_;
};

// The key of the launcher's report of a dead worker in the store ("worker rank 1 (pid 123)
// was killed by signal 9").
inline constexpr char kFailedWorkerKey[] = "cadenza/failed-worker";

}  // namespace cadenza::train
