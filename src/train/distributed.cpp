#include "train/distributed.h"

#include <torch/csrc/distributed/c10d/Work.hpp>

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "train/distributed_overlap.h"

namespace cadenza::train {
namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

// The network device Gloo's pairs listen on: GLOO_SOCKET_IFNAME as in PyTorch, loopback for a
// master on this machine, else the address this machine's hostname resolves to.
std::shared_ptr<::gloo::transport::Device> gloo_device(const std::string& master_addr) {
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  if (is_loopback(master_addr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

std::vector<std::vector<std::size_t>> bucket_tensors(const std::vector<torch::Tensor>& tensors,
                                                     BucketOrder order, std::size_t first_bytes,
                                                     std::size_t bytes) {
  std::vector<std::vector<std::size_t>> result;
  std::size_t filled = 0;
  for (std::size_t k = 0; k < tensors.size(); ++k) {
    const std::size_t i = order == BucketOrder::kForward ? k : tensors.size() - 1 - k;
    const std::size_t size = static_cast<std::size_t>(tensors[i].numel()) *
                             static_cast<std::size_t>(tensors[i].element_size());
    const bool same_kind =
        !result.empty() &&
        tensors[result.back().front()].scalar_type() == tensors[i].scalar_type() &&
        tensors[result.back().front()].device() == tensors[i].device();
    const std::size_t limit = result.size() == 1 ? first_bytes : bytes;  // the open bucket's
    if (result.empty() || !same_kind || filled + size > limit) {
      result.emplace_back();
      filled = 0;
    }
    result.back().push_back(i);
    filled += size;
  }
  return result;
}

DataParallel::DataParallel() = default;

std::unique_ptr<DataParallel> DataParallel::connect(const DistributedOptions& options,
                                                    const torch::Device& device) {
  if (options.world_size <= 1) return nullptr;
  if (options.rank < 0 || options.rank >= options.world_size)
    throw std::invalid_argument("rank " + std::to_string(options.rank) +
                                " is outside the world size " + std::to_string(options.world_size));
  if (!(options.bucket_megabytes > 0 && options.bucket_megabytes <= 4096))
    throw std::invalid_argument("--bucket-mb must lie in (0, 4096]");
  if (options.master_port < 1 || options.master_port > 65535)
    throw std::invalid_argument("the master port must lie in 1..65535, got " +
                                std::to_string(options.master_port));
  std::unique_ptr<DataParallel> self(new DataParallel());
  self->rank_ = options.rank;
  self->size_ = options.world_size;
  self->timeout_seconds_ = options.timeout_seconds;
  self->agent_store_ = options.agent_store;
  self->bucket_bytes_ = static_cast<std::size_t>(options.bucket_megabytes * (1 << 20));
  self->overlap_ = options.overlap_allreduce;
  self->master_ = options.master_addr + ":" + std::to_string(options.master_port);
  const auto timeout = std::chrono::milliseconds(
      static_cast<std::int64_t>(std::max(0.001, options.timeout_seconds) * 1000));
  const std::string who = "rank " + std::to_string(options.rank);

  c10d::TCPStoreOptions store_options;
  store_options.port = static_cast<std::uint16_t>(options.master_port);
  store_options.isServer = options.rank == 0 && !options.agent_store;
  store_options.waitWorkers = false;
  store_options.timeout = timeout;
  try {
    self->store_ = c10::make_intrusive<c10d::TCPStore>(options.master_addr, store_options);
  } catch (const std::exception& e) {
    if (store_options.isServer)
      throw std::runtime_error(who + ": cannot serve the rendezvous store on port " +
                               std::to_string(options.master_port) + " (" + first_line(e.what()) +
                               "); pick a free --master-port");
    throw std::runtime_error(who + ": cannot reach the master at " + self->master_ + " within " +
                             seconds_text(options.timeout_seconds) +
                             " (is rank 0 running there, with this --master-port, and is the "
                             "port open?): " +
                             first_line(e.what()));
  }

  if (device.is_cuda()) {
#ifdef USE_C10D_NCCL
    auto nccl_options = c10d::ProcessGroupNCCL::Options::create();
    nccl_options->timeout = timeout;
    try {
      self->group_ = c10::make_intrusive<c10d::ProcessGroupNCCL>(
          c10::make_intrusive<c10d::PrefixStore>("cadenza", self->store_), options.rank,
          options.world_size, nccl_options);
    } catch (const std::exception& e) {
      throw std::runtime_error(who +
                               ": the NCCL process group did not form: " + first_line(e.what()));
    }
    self->start_heartbeat(options.master_addr, options.master_port);
    self->check_same_buckets();
    return self;
#else
    throw std::runtime_error(
        "--device " + device.str() + " with " + std::to_string(options.world_size) +
        " processes needs torch.distributed's NCCL backend, and this libtorch was built without "
        "it (no USE_C10D_NCCL: Debian's libtorch has no CUDA and no NCCL). Train with --device "
        "cpu (Gloo), or build cadenza against a CUDA libtorch from pytorch.org");
#endif
  }

  auto gloo_options = c10d::ProcessGroupGloo::Options::create(timeout);
  try {
    gloo_options->devices.push_back(gloo_device(options.master_addr));
  } catch (const std::exception& e) {
    throw std::runtime_error(who + ": Gloo cannot open a network device: " + first_line(e.what()));
  }
  gloo_options->threads = 1;  // one collective at a time: the trainer waits for each
  try {
    self->group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(
        c10::make_intrusive<c10d::PrefixStore>("cadenza", self->store_), options.rank,
        options.world_size, gloo_options);
  } catch (const std::exception& e) {
    throw std::runtime_error(
        who + ": the process group of " + std::to_string(options.world_size) +
        " ranks did not form within " + seconds_text(options.timeout_seconds) + " at " +
        self->master_ +
        " (every rank must start with the same master and world size): " + first_line(e.what()));
  }
  self->start_heartbeat(options.master_addr, options.master_port);
  self->check_same_buckets();
  return self;
}

// Ranks whose buckets differ would pair collectives of different sizes: refused at the start.
void DataParallel::check_same_buckets() {
  check_same(static_cast<std::int64_t>(bucket_bytes_) * 2 + (overlap_ ? 1 : 0),
             "--bucket-mb or --overlap-allreduce");
}

namespace {
std::string heartbeat_key(int rank) { return "cadenza/heartbeat/" + std::to_string(rank); }
}  // namespace

void DataParallel::start_heartbeat(const std::string& host, int port) {
  c10d::TCPStoreOptions options;
  options.port = static_cast<std::uint16_t>(port);
  options.isServer = false;
  options.waitWorkers = false;
  options.timeout = std::chrono::seconds(5);
  c10::intrusive_ptr<c10d::Store> store = c10::make_intrusive<c10d::TCPStore>(host, options);
  heartbeat_state_ = std::make_shared<Heartbeat>();
  heartbeat_ = std::thread([state = heartbeat_state_, store, key = heartbeat_key(rank_)] {
    std::unique_lock<std::mutex> lock(state->lock);
    while (!state->stop) {
      lock.unlock();
      try {
        store->add(key, 1);
      } catch (const std::exception&) {
        lock.lock();
        break;  // the store is gone: the next collective reports it
      }
      lock.lock();
      state->wake.wait_for(lock, std::chrono::seconds(1), [&] { return state->stop; });
    }
    state->stopped = true;
    state->wake.notify_all();
  });
}

DataParallel::~DataParallel() {
  overlapped_.reset();  // its hooks go before the group they use
  if (heartbeat_.joinable()) {
    std::unique_lock<std::mutex> lock(heartbeat_state_->lock);
    heartbeat_state_->stop = true;
    heartbeat_state_->wake.notify_all();
    const bool stopped = heartbeat_state_->wake.wait_for(lock, std::chrono::seconds(2),
                                                         [&] { return heartbeat_state_->stopped; });
    lock.unlock();
    if (stopped)
      heartbeat_.join();
    else
      heartbeat_.detach();  // blocked on a dead connection: it holds what it uses
  }
}

std::string DataParallel::silent_ranks() {
  std::vector<std::int64_t> before;
  for (int r = 0; r < size_; ++r) before.push_back(store_->add(heartbeat_key(r), 0));
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  std::string silent;
  for (int r = 0; r < size_; ++r)
    if (r != rank_ && store_->add(heartbeat_key(r), 0) == before[static_cast<std::size_t>(r)])
      silent += (silent.empty() ? "rank " : ", rank ") + std::to_string(r);
  return silent.empty() ? silent : silent + " stopped answering (no heartbeat for 2.5 s)";
}

std::pair<std::size_t, std::size_t> DataParallel::shard(std::size_t rows) const {
  const auto r = static_cast<std::size_t>(rank_), n = static_cast<std::size_t>(size_);
  const std::size_t first = rows * r / n, end = rows * (r + 1) / n;
  return {first, end - first};
}

void DataParallel::run(const char* what, const std::function<void()>& collective) {
  try {
    collective();
  } catch (const std::exception& e) {
    fail(what, e.what());
  }
}

void DataParallel::fail(const std::string& what, const std::string& error) {
  // The --nproc launcher writes which worker died; its report may arrive a moment after the
  // broken connection did. Without a launcher (several machines) the store says nothing.
  std::string reason;
  try {
    // One look without a launcher: it tells whether rank 0's store still answers.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(agent_store_ ? 3 : 0);
    do {
      if (store_->check({kFailedWorkerKey})) {
        const auto bytes = store_->get(kFailedWorkerKey);
        reason.assign(bytes.begin(), bytes.end());
      } else if (agent_store_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    } while (reason.empty() && std::chrono::steady_clock::now() < deadline);
    if (reason.empty()) reason = silent_ranks();
    if (reason.empty()) reason = silent_ranks();
  } catch (const std::exception&) {
    reason = "rank 0 is gone: its store at " + master_ + " does not answer";
  }
  if (reason.empty())
    reason =
        "another rank died, or did not answer for --dist-timeout " + seconds_text(timeout_seconds_);
  throw std::runtime_error("rank " + std::to_string(rank_) + ": the " + what +
                           " failed: " + reason + " (" + first_line(error) + ")");
}

void DataParallel::broadcast(const std::vector<torch::Tensor>& tensors) {
  for (const auto& bucket :
       bucket_tensors(tensors, BucketOrder::kForward, bucket_bytes_, bucket_bytes_)) {
    std::vector<torch::Tensor> flat;
    for (std::size_t i : bucket) flat.push_back(tensors[i].detach().reshape({-1}));
    std::vector<torch::Tensor> joined = {torch::cat(flat)};
    run("broadcast of the weights", [&] { group_->broadcast(joined)->wait(); });
    std::int64_t offset = 0;
    torch::NoGradGuard no_grad;
    for (std::size_t i : bucket) {
      const std::int64_t n = tensors[i].numel();
      tensors[i].copy_(joined[0].narrow(0, offset, n).view_as(tensors[i]));
      offset += n;
    }
  }
}

torch::Tensor DataParallel::reduce_gradients(const std::vector<torch::Tensor>& parameters,
                                             const torch::Tensor& extra) {
  std::vector<torch::Tensor> grads;
  for (const auto& p : parameters) {
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    grads.push_back(p.grad());
  }
  auto groups = bucket_tensors(grads, BucketOrder::kForward, bucket_bytes_, bucket_bytes_);
  torch::Tensor summed_extra;
  for (std::size_t b = 0; b < groups.size(); ++b) {
    std::vector<torch::Tensor> flat;
    for (std::size_t i : groups[b]) flat.push_back(grads[i].reshape({-1}));
    const bool last = b + 1 == groups.size();
    if (last) flat.push_back(extra.to(grads[groups[b].front()].options()).reshape({-1}));
    std::vector<torch::Tensor> joined = {torch::cat(flat)};
    run("all-reduce of the gradients", [&] { group_->allreduce(joined)->wait(); });
    std::int64_t offset = 0;
    for (std::size_t i : groups[b]) {
      const std::int64_t n = grads[i].numel();
      grads[i].copy_(joined[0].narrow(0, offset, n).view_as(grads[i]));
      offset += n;
    }
    if (last) summed_extra = joined[0].narrow(0, offset, extra.numel()).to(extra.options());
  }
  if (groups.empty()) {  // no parameters: still sum `extra`
    std::vector<torch::Tensor> joined = {extra.clone()};
    run("all-reduce of the losses", [&] { group_->allreduce(joined)->wait(); });
    summed_extra = joined[0];
  }
  return summed_extra;
}

void DataParallel::before_backward(const std::vector<torch::Tensor>& parameters,
                                   const torch::Tensor& extra) {
  if (!overlap_) return;
  if (!overlapped_)
    overlapped_ = std::make_unique<OverlappedGradients>(*this, parameters, bucket_bytes_);
  overlapped_->prepare(extra);
}

torch::Tensor DataParallel::after_backward(const std::vector<torch::Tensor>& parameters,
                                           const torch::Tensor& extra) {
  return overlapped_ ? overlapped_->finish() : reduce_gradients(parameters, extra);
}

c10::intrusive_ptr<c10d::Work> DataParallel::start_sum(torch::Tensor tensor, const char* what) {
  std::vector<torch::Tensor> tensors = {std::move(tensor)};
  c10::intrusive_ptr<c10d::Work> work;
  run(what, [&] { work = group_->allreduce(tensors); });
  return work;
}

void DataParallel::finish(const c10::intrusive_ptr<c10d::Work>& work, const char* what) {
  run(what, [&] { work->wait(); });
}

std::vector<double> DataParallel::sum(const std::vector<double>& values, const char* what) {
  torch::Tensor tensor =
      torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64)).clone();
  std::vector<torch::Tensor> tensors = {tensor};
  run(what, [&] { group_->allreduce(tensors)->wait(); });
  return std::vector<double>(tensors[0].data_ptr<double>(),
                             tensors[0].data_ptr<double>() + tensors[0].numel());
}

void DataParallel::check_same(std::int64_t fingerprint, const std::string& what) {
  std::vector<torch::Tensor> low = {torch::tensor({fingerprint}, torch::kInt64)};
  std::vector<torch::Tensor> high = {torch::tensor({fingerprint}, torch::kInt64)};
  c10d::AllreduceOptions min_options, max_options;
  min_options.reduceOp = c10d::ReduceOp::MIN;
  max_options.reduceOp = c10d::ReduceOp::MAX;
  run("comparison of the ranks' settings", [&] {
    group_->allreduce(low, min_options)->wait();
    group_->allreduce(high, max_options)->wait();
  });
  if (low[0].item<std::int64_t>() != high[0].item<std::int64_t>())
    throw std::runtime_error("rank " + std::to_string(rank_) + ": the ranks differ in " + what +
                             "; every rank must run the same command on the same data");
}

void DataParallel::barrier() {
  run("final barrier", [&] { group_->barrier()->wait(); });
}

}  // namespace cadenza::train
