#pragma once
// Tests that read ../shared/data call CADENZA_REQUIRE_SHARED_DATA(); tests that need a system
// file (the GM soundfont) call CADENZA_REQUIRE_FILE(). Both skip the test with a clear message
// when the data is absent, and fail it when CADENZA_REQUIRE_DATA=1 (CI): one rule for all.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace cadenza::testing {

// The shared data folder: $CADENZA_SHARED_DATA, else the path configured at build time.
std::filesystem::path shared_data_dir();

// Empty when `relative` exists under the shared data folder, else the reason it is missing.
std::string missing_shared_data(const std::string& relative);

// Empty when `path` is a regular file, else the reason it is missing.
std::string missing_file(const std::filesystem::path& path);

bool shared_data_required();

}  // namespace cadenza::testing

// Skips (or fails, in CI) the current test when `missing` (a reason) is not empty.
#define CADENZA_REQUIRE_PRESENT_(missing)                          \
  do {                                                             \
    const std::string cadenza_missing_ = (missing);                \
    if (!cadenza_missing_.empty()) {                               \
      if (::cadenza::testing::shared_data_required())              \
        FAIL() << cadenza_missing_ << " (CADENZA_REQUIRE_DATA=1)"; \
      GTEST_SKIP() << cadenza_missing_;                            \
    }                                                              \
  } while (0)

#define CADENZA_REQUIRE_SHARED_DATA(relative) \
  CADENZA_REQUIRE_PRESENT_(::cadenza::testing::missing_shared_data(relative))

#define CADENZA_REQUIRE_FILE(path) CADENZA_REQUIRE_PRESENT_(::cadenza::testing::missing_file(path))
