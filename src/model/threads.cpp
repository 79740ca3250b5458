#include "model/threads.h"

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>
#include <dlfcn.h>

#include "common/threads.h"

namespace cadenza::model {

void set_compute_threads(int torch_threads, int blas_threads) {
  const auto threads = static_cast<int>(clamp_threads(torch_threads));
  at::set_num_threads(threads);
  try {
    at::set_num_interop_threads(threads);
  } catch (const c10::Error&) {  // only settable once per process; keep the first value
  }
  using SetThreads = void (*)(int);
  if (auto openblas = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    openblas(static_cast<int>(clamp_threads(blas_threads)));
}

}  // namespace cadenza::model
