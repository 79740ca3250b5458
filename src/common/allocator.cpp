#include "common/allocator.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace cadenza {

void keep_freed_memory_for_reuse(std::size_t keep_free_bytes) {
#if defined(__GLIBC__)
  // Setting either threshold also turns off glibc's own adjustment of both.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(keep_free_bytes, 1u << 30)));
  // Grow the main heap by 80 MiB now (address space only) and ask for transparent huge pages
  // there: a first touch then faults 2 MiB at once instead of 4 KiB.
  mallopt(M_TOP_PAD, 64 << 20);
  void* block = std::malloc(16 << 20);
  if (!block) return;
  constexpr std::uintptr_t kHugePage = 2 << 20;
  const std::uintptr_t begin =
      (reinterpret_cast<std::uintptr_t>(block) + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  std::free(block);  // stays in the heap: below the trim threshold
  // Only where the block came from the brk heap (not where malloc fell back to mmap, or is not
  // glibc's, as under sanitizers); a kernel without THP refuses, which changes nothing.
  if (end > begin && end - begin <= (256u << 20))
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

}  // namespace cadenza
