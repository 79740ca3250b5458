#include "common/same_file.h"

#include <sys/stat.h>

#include <stdexcept>

namespace cadenza {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void refuse_output_over_input(const std::filesystem::path& output,
                              const std::vector<std::filesystem::path>& inputs) {
  for (const auto& input : inputs)
    if (same_file(output, input))
      throw std::invalid_argument(output.string() + ": is the same file as the input " +
                                  input.string() +
                                  "; writing it would destroy the input (choose another -o)");
}

}  // namespace cadenza
