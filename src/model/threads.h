#pragma once
// The threads of libtorch's intra-op and inter-op pools and of OpenBLAS's own pool, which
// libtorch does not size: every torch command sets them here. An OpenBLAS left at all cores
// while the caller asked for one thread spins its idle threads (sched_yield) and made one-token
// generation several times slower on a busy machine (docs/arrangements.md, "Speed").
namespace cadenza::model {

// 0 for either means all cores (common/threads.h's clamp_threads).
void set_compute_threads(int torch_threads, int blas_threads);

}  // namespace cadenza::model
