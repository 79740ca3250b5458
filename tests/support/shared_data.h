#pragma once
// Tests that read ../shared/data call CADENZA_REQUIRE_SHARED_DATA(): it skips the test with a
// clear message when the folder is absent, and fails it when CADENZA_REQUIRE_DATA=1.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace cadenza::testing {

// The shared data folder: $CADENZA_SHARED_DATA, else the path configured at build time.
std::filesystem::path shared_data_dir();

// Empty when `relative` exists under the shared data folder, else the reason it is missing.
std::string missing_shared_data(const std::string& relative);

bool shared_data_required();

}  // namespace cadenza::testing

#define CADENZA_REQUIRE_SHARED_DATA(relative)                                               \
  do {                                                                                      \
    const std::string cadenza_missing_ = ::cadenza::testing::missing_shared_data(relative); \
    if (!cadenza_missing_.empty()) {                                                        \
      if (::cadenza::testing::shared_data_required())                                       \
        FAIL() << cadenza_missing_ << " (CADENZA_REQUIRE_DATA=1)";                          \
      GTEST_SKIP() << cadenza_missing_;                                                     \
    }                                                                                       \
  } while (0)
