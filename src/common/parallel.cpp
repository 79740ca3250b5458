#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "common/threads.h"

namespace cadenza {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work,
                  const std::function<void(std::size_t)>& done) {
  std::atomic<std::size_t> next{0};
  std::mutex done_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      work(i);
      if (done) {
        std::lock_guard<std::mutex> lock(done_mutex);
        done(i);
      }
    }
  };
  const auto pool_size = std::max<std::size_t>(
      1, std::min<std::size_t>(threads == 0 ? 1 : clamp_threads(threads), count));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < pool_size; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace cadenza
