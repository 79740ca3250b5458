#include "common/threads.h"

#include <algorithm>
#include <thread>

#include "common/limits.h"

namespace cadenza {

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

unsigned max_threads() {
  return std::min(limits::kMaxThreads, limits::kMaxThreadsPerCore * hardware_threads());
}

unsigned clamp_threads(long long requested) {
  if (requested <= 0) return std::min(hardware_threads(), max_threads());
  return static_cast<unsigned>(std::min<long long>(requested, max_threads()));
}

}  // namespace cadenza
