#pragma once
// The fuzz targets whose loaders take a path write each input to one file in /dev/shm (memory,
// so a run does not wear the disk), named after the process so parallel jobs do not collide.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace cadenza::fuzz {

inline std::filesystem::path input_file(const std::string& suffix) {
  const std::filesystem::path dir = std::filesystem::exists("/dev/shm")
                                        ? std::filesystem::path("/dev/shm")
                                        : std::filesystem::temp_directory_path();
  return dir / ("cadenza_fuzz_" + std::to_string(getpid()) + suffix);
}

inline const std::filesystem::path& write_input(const std::uint8_t* data, std::size_t size,
                                                const std::string& suffix) {
  static const std::filesystem::path path = input_file(suffix);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "finding: %s\n", what);
  std::abort();
}

}  // namespace cadenza::fuzz
