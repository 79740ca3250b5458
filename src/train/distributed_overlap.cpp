#include "train/distributed_overlap.h"

#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/csrc/distributed/c10d/Work.hpp>

#include <stdexcept>
#include <utility>

#include "train/distributed.h"

namespace cadenza::train {
namespace {
constexpr char kWhat[] = "all-reduce of the gradients";
constexpr std::size_t kFirstBucketBytes = 1u << 20;  // DDP's _DEFAULT_FIRST_BUCKET_BYTES
}  // namespace

std::vector<std::vector<std::size_t>> OverlappedGradients::buckets(
    const std::vector<torch::Tensor>& tensors, std::size_t first_bytes, std::size_t bytes) {
  return bucket_tensors(tensors, BucketOrder::kReverse, first_bytes, bytes);
}

OverlappedGradients::OverlappedGradients(DataParallel& group, std::vector<torch::Tensor> parameters,
                                         std::size_t bucket_bytes)
    : group_(group), parameters_(std::move(parameters)) {
  buckets_ = buckets(parameters_, std::min(kFirstBucketBytes, bucket_bytes), bucket_bytes);
  bucket_of_.resize(parameters_.size());
  for (std::size_t b = 0; b < buckets_.size(); ++b)
    for (std::size_t i : buckets_[b]) bucket_of_[i] = b;
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (!parameters_[i].requires_grad())
      throw std::invalid_argument("--overlap-allreduce: a parameter does not require gradients");
    auto accumulator = torch::autograd::impl::grad_accumulator(parameters_[i]);
    hooks_.push_back(
        accumulator->add_post_hook(std::make_unique<torch::autograd::utils::LambdaPostHook>(
            [this, i](const torch::autograd::variable_list& outputs,
                      const torch::autograd::variable_list&) {
              ready(i);
              return outputs;
            })));
    accumulators_.push_back(std::move(accumulator));
  }
}

OverlappedGradients::~OverlappedGradients() {
  for (std::size_t i = 0; i < accumulators_.size(); ++i) accumulators_[i]->del_post_hook(hooks_[i]);
}

void OverlappedGradients::prepare(const torch::Tensor& extra) {
  armed_ = true;
  extra_ = extra.detach();
  marked_.assign(parameters_.size(), false);
  waiting_.clear();
  for (const auto& bucket : buckets_) waiting_.push_back(bucket.size());
  next_ = 0;
  flat_.assign(buckets_.size(), torch::Tensor());
  work_.assign(buckets_.size(), {});
  error_.clear();
}

void OverlappedGradients::ready(std::size_t parameter) {
  if (!armed_ || marked_[parameter]) return;  // a backward outside a training step
  marked_[parameter] = true;
  --waiting_[bucket_of_[parameter]];
  start_ready_buckets();
}

void OverlappedGradients::start_ready_buckets() {
  while (next_ < buckets_.size() && waiting_[next_] == 0) start(next_++);
}

void OverlappedGradients::start(std::size_t bucket) {
  if (!error_.empty()) return;
  try {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> flat;
    for (std::size_t i : buckets_[bucket]) {
      torch::Tensor& p = parameters_[i];
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      flat.push_back(p.grad().reshape({-1}));
    }
    if (bucket + 1 == buckets_.size())
      flat.push_back(extra_.to(flat.front().options()).reshape({-1}));
    flat_[bucket] = torch::cat(flat);
    work_[bucket] = group_.start_sum(flat_[bucket], kWhat);
  } catch (const std::exception& e) {
    error_ = e.what();
  }
}

torch::Tensor OverlappedGradients::finish() {
  if (!armed_) throw std::logic_error("OverlappedGradients::finish without prepare");
  armed_ = false;
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (!marked_[i]) {  // no gradient this step: zeros, as in reduce_gradients
      marked_[i] = true;
      --waiting_[bucket_of_[i]];
    }
  start_ready_buckets();
  if (!error_.empty()) throw std::runtime_error(error_);
  torch::NoGradGuard no_grad;
  torch::Tensor summed_extra;
  for (std::size_t b = 0; b < buckets_.size(); ++b) {
    group_.finish(work_[b], kWhat);
    std::int64_t offset = 0;
    for (std::size_t i : buckets_[b]) {
      torch::Tensor grad = parameters_[i].grad();
      const std::int64_t n = grad.numel();
      grad.copy_(flat_[b].narrow(0, offset, n).view_as(grad));
      offset += n;
    }
    if (b + 1 == buckets_.size())
      summed_extra = flat_[b].narrow(0, offset, extra_.numel()).to(extra_.options());
    flat_[b] = torch::Tensor();
    work_[b] = {};
  }
  if (buckets_.empty()) {  // no parameters: still sum `extra`
    torch::Tensor joined = extra_.clone();
    group_.finish(group_.start_sum(joined, kWhat), kWhat);
    summed_extra = joined;
  }
  return summed_extra;
}

}  // namespace cadenza::train
