#include "support/shared_data.h"

#include <cstdlib>

namespace cadenza::testing {

std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("CADENZA_SHARED_DATA"); env && *env) return env;
  return "../shared/data";
}

std::string missing_shared_data(const std::string& relative) {
  const auto path = shared_data_dir() / relative;
  if (std::filesystem::exists(path)) return {};
  return "shared data not found: " + path.string() +
         " (set CADENZA_SHARED_DATA to the shared/data folder)";
}

std::string missing_file(const std::filesystem::path& path) {
  if (std::filesystem::is_regular_file(path)) return {};
  return "required file not found: " + path.string();
}

bool shared_data_required() {
  const char* env = std::getenv("CADENZA_REQUIRE_DATA");
  return env && std::string(env) == "1";
}

}  // namespace cadenza::testing
