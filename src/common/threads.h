#pragma once
// One rule for every --threads option: 0 (or less) means one per core, and no request starts
// more than max_threads(), so a typo like --threads 100000 cannot hang a command.
namespace cadenza {

// The thread count to use for `requested` (any int a command line can give).
unsigned clamp_threads(long long requested);

// One per core (at least 1).
unsigned hardware_threads();

// limits::kMaxThreadsPerCore per core, at most limits::kMaxThreads.
unsigned max_threads();

}  // namespace cadenza
