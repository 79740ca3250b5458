#pragma once
// The file loop of the batch commands: work(i) for every i in [0, count) on up to `threads`
// threads (the caller's own included), items handed out one at a time so that a slow file
// does not hold up a fixed share of the others.
#include <cstddef>
#include <functional>

namespace cadenza {

// done(i), when given, runs after work(i), one call at a time (progress bars, messages).
// `threads` 0 counts as 1 and more than max_threads() (common/threads.h) as that many. work must
// not throw.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work,
                  const std::function<void(std::size_t)>& done = {});

}  // namespace cadenza
