// DataParallel's collectives with two ranks in one process (two threads, Gloo over loopback):
// known sums, several 25 MiB buckets, parameters without gradients, rank 0's weights
// broadcast, shards, and the settings check; the all-reduce overlapped with backward
// (distributed_overlap.h).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "train/distributed.h"
#include "train/distributed_overlap.h"

namespace cadenza::train {
namespace {

// A port nobody listens on now (the kernel's choice for a socket bound to port 0).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

// Runs `body(group)` on ranks 0 and 1 at once; rethrows the first rank's exception.
// `configure` may change a rank's options.
void on_two_ranks(const std::function<void(DataParallel&)>& body,
                  const std::function<void(DistributedOptions&)>& configure = {}) {
  const int port = free_port();
  auto rank = [&](int r) {
    DistributedOptions options;
    options.world_size = 2;
    options.rank = r;
    options.master_port = port;
    options.timeout_seconds = 20;
    if (configure) configure(options);
    auto group = DataParallel::connect(options, torch::kCPU);
    body(*group);
  };
  auto first = std::async(std::launch::async, rank, 0);
  auto second = std::async(std::launch::async, rank, 1);
  first.get();
  second.get();
}

TEST(DataParallelTest, OneProcessNeedsNoGroup) {
  EXPECT_EQ(DataParallel::connect(DistributedOptions{}, torch::kCPU), nullptr);
}

TEST(DataParallelTest, SumsGradientsInSeveralBucketsAndBroadcastsRankZero) {
  on_two_ranks([](DataParallel& group) {
    const int r = group.rank();
    // 8 M floats (32 MiB) do not fit one 25 MiB bucket with the rest.
    torch::Tensor big = torch::zeros({8 << 20}, torch::requires_grad());
    torch::Tensor small = torch::zeros({3}, torch::requires_grad());
    torch::Tensor unused = torch::zeros({2}, torch::requires_grad());
    big.mutable_grad() = torch::full({8 << 20}, static_cast<float>(r + 1));
    small.mutable_grad() = torch::tensor({1.0f, 2.0f, 3.0f}) * static_cast<float>(10 * r + 1);
    if (r == 1) unused.mutable_grad() = torch::tensor({5.0f, 7.0f});  // rank 0 has none
    torch::Tensor extra = torch::tensor({0.25f * static_cast<float>(r + 1), 1.0f});
    torch::Tensor summed = group.reduce_gradients({big, small, unused}, extra);
    EXPECT_EQ(big.grad().min().item<float>(), 3.0f);
    EXPECT_EQ(big.grad().max().item<float>(), 3.0f);
    EXPECT_TRUE(torch::equal(small.grad(), torch::tensor({12.0f, 24.0f, 36.0f})));
    EXPECT_TRUE(torch::equal(unused.grad(), torch::tensor({5.0f, 7.0f})));
    EXPECT_TRUE(torch::allclose(summed, torch::tensor({0.75f, 2.0f})));

    torch::Tensor weights = torch::full({4}, static_cast<float>(r + 7));
    torch::Tensor buffer = torch::full({2}, static_cast<float>(10 * r));
    group.broadcast({weights, buffer});
    EXPECT_TRUE(torch::equal(weights, torch::full({4}, 7.0f)));
    EXPECT_TRUE(torch::equal(buffer, torch::zeros({2})));

    const std::vector<double> sums = group.sum({1.5, static_cast<double>(r)}, "test sum");
    EXPECT_EQ(sums, (std::vector<double>{3.0, 1.0}));
    using Rows = std::pair<std::size_t, std::size_t>;  // first, count
    EXPECT_EQ(group.shard(7), r == 0 ? Rows(0, 3) : Rows(3, 4));
    EXPECT_EQ(group.shard(1).second, r == 0 ? 0u : 1u);  // a short batch leaves rank 0 none
    group.check_same(42, "nothing");
    group.barrier();
  });
}

TEST(DataParallelTest, RanksWithDifferentSettingsStopTogether) {
  std::string messages;
  std::mutex lock;
  on_two_ranks([&](DataParallel& group) {
    try {
      group.check_same(group.rank() == 0 ? 1 : 2, "settings");
      ADD_FAILURE() << "rank " << group.rank() << " went on";
    } catch (const std::runtime_error& e) {
      std::lock_guard<std::mutex> guard(lock);
      messages += std::string(e.what()) + "\n";
    }
  });
  EXPECT_NE(messages.find("rank 0: the ranks differ in settings"), std::string::npos) << messages;
  EXPECT_NE(messages.find("rank 1: the ranks differ in settings"), std::string::npos) << messages;
}

// Buckets in reverse parameter order: the first at most `first_bytes`, then at most `bytes`.
TEST(OverlappedGradientsTest, BucketsInReverseOrder) {
  const auto floats = [](std::vector<std::int64_t> sizes) {
    std::vector<torch::Tensor> tensors;
    for (auto n : sizes) tensors.push_back(torch::zeros({n}));
    return tensors;
  };
  using Buckets = std::vector<std::vector<std::size_t>>;
  // 40 bytes open a 1 MiB first bucket that 1.2 MB do not fit; the rest fits 25 MiB.
  EXPECT_EQ(OverlappedGradients::buckets(floats({10, 10, 300000, 10}), 1 << 20, 25 << 20),
            (Buckets{{3}, {2, 1, 0}}));
  // 40 + 120 > 50; 120 bytes exceed 100 alone; 40 + 40 <= 100.
  EXPECT_EQ(OverlappedGradients::buckets(floats({10, 10, 30, 10}), 50, 100),
            (Buckets{{3}, {2}, {1, 0}}));
}

// One parameter per bucket (16 bytes each, 20-byte buckets): the buckets of w3, w2 and w1
// start while backward runs; `unused` gets no gradient, so its bucket (the last, started in
// order after the others) starts in finish() with zeros. The sums are the two ranks' known
// gradients, and the loss values riding in the last bucket come back summed. Two steps: the
// hooks stay, and the second step's gradients accumulate into zeroed ones.
TEST(OverlappedGradientsTest, StartsBucketsDuringBackwardAndSums) {
  on_two_ranks([](DataParallel& group) {
    const auto r = static_cast<float>(group.rank() + 1);  // 1 and 2
    torch::Tensor unused = torch::zeros({4}, torch::requires_grad());
    torch::Tensor w1 = torch::ones({4}, torch::requires_grad());
    torch::Tensor w2 = torch::ones({4}, torch::requires_grad());
    torch::Tensor w3 = torch::ones({4}, torch::requires_grad());
    OverlappedGradients overlap(group, {unused, w1, w2, w3}, 20);
    for (int step = 0; step < 2; ++step) {
      for (auto* w : {&w1, &w2, &w3})
        if (w->grad().defined()) w->mutable_grad().zero_();
      overlap.prepare(torch::tensor({r, 10 * r}));
      torch::Tensor loss = (w1 * r).sum() + (w2 * torch::arange(4) * r).sum() + (w3 * w3).sum() * r;
      loss.backward();
      EXPECT_EQ(overlap.started(), 3u) << "step " << step;
      torch::Tensor summed = overlap.finish();
      EXPECT_TRUE(torch::equal(summed, torch::tensor({3.0f, 30.0f})));
      EXPECT_TRUE(torch::equal(w1.grad(), torch::full({4}, 3.0f)));
      EXPECT_TRUE(torch::equal(w2.grad(), torch::arange(4).to(torch::kFloat) * 3));
      EXPECT_TRUE(torch::equal(w3.grad(), torch::full({4}, 6.0f)));  // 2 w3 r, w3 = 1
      EXPECT_TRUE(torch::equal(unused.grad(), torch::zeros({4})));
    }
  });
}

// Ranks that would pair buckets of different sizes stop when the group forms.
TEST(OverlappedGradientsTest, RanksWithDifferentOverlapSettingsStop) {
  try {
    on_two_ranks(
        [](DataParallel& group) { ADD_FAILURE() << "rank " << group.rank() << " went on"; },
        [](DistributedOptions& options) { options.overlap_allreduce = options.rank == 1; });
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "rank 0: the ranks differ in --bucket-mb or --overlap-allreduce"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cadenza::train
