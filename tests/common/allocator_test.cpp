#include "common/allocator.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>

namespace {

long minor_page_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// Allocates `bytes`, writes one byte per 4 KiB page (through volatile, so the compiler keeps
// the writes), frees it; returns the minor page faults that took.
long faults_of_one_use(std::size_t bytes) {
  const long before = minor_page_faults();
  volatile char* block = static_cast<volatile char*>(std::malloc(bytes));
  if (!block) return -1;
  for (std::size_t i = 0; i < bytes; i += 4096) block[i] = 1;
  std::free(const_cast<char*>(block));
  return minor_page_faults() - before;
}

}  // namespace

// A feature row allocates and frees spectrograms of ~10 MB; with glibc's defaults the next
// row's blocks are fresh pages again (one fault per 4 KiB page: 6,144 for 24 MiB).
TEST(Allocator, FreedLargeBlocksAreReusedWithoutPageFaults) {
#if !defined(__GLIBC__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "glibc's allocator only";
#else
  cadenza::keep_freed_memory_for_reuse();
  constexpr std::size_t kBytes = 24 << 20;
  ASSERT_GE(faults_of_one_use(kBytes), 0);  // the first use may fault
  EXPECT_LT(faults_of_one_use(kBytes), 64);
  EXPECT_LT(faults_of_one_use(kBytes), 64);
#endif
}
