#include "common/allocator.h"

#include <cstdlib>  // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cadenza {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // Setting either value also turns off glibc's own adjustment of both.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace cadenza
