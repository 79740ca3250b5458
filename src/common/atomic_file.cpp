#include "common/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>

namespace cadenza {
namespace fs = std::filesystem;

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::random_device entropy;
  const fs::path temp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(getpid()) +
                               "." + std::to_string(entropy() % 1000000));
  try {
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out)
        throw std::runtime_error("cannot create " + temp.string() + ": " + std::strerror(errno));
      write(out);
      out.flush();
      if (!out)
        throw std::runtime_error("cannot write " + path.string() + " (disk full or I/O error)");
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) throw std::runtime_error("cannot rename to " + path.string() + ": " + ec.message());
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void write_file_atomically(const fs::path& path, const std::string& content) {
  write_file_atomically(path,
                        [&](std::ostream& out) { out.write(content.data(), content.size()); });
}

}  // namespace cadenza
