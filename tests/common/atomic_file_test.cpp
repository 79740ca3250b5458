#include "common/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("cadenza_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST(AtomicFile, WritesContent) {
  const fs::path dir = fresh_dir("atomic_write");
  cadenza::write_file_atomically(dir / "a.txt", std::string("hello\n"));
  EXPECT_EQ(slurp(dir / "a.txt"), "hello\n");
}

TEST(AtomicFile, FailureKeepsOldFileAndLeavesNoTemp) {
  const fs::path dir = fresh_dir("atomic_fail");
  cadenza::write_file_atomically(dir / "a.txt", std::string("good"));
  EXPECT_THROW(cadenza::write_file_atomically(dir / "a.txt",
                                              [](std::ostream& out) {
                                                out << "partial";
                                                throw std::runtime_error("boom");
                                              }),
               std::runtime_error);
  EXPECT_EQ(slurp(dir / "a.txt"), "good");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFile, UnwritableFolderThrowsNamingPath) {
  try {
    cadenza::write_file_atomically("/nonexistent_dir_cadenza/x.txt", std::string("x"));
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nonexistent_dir_cadenza"), std::string::npos);
  }
}

TEST(AtomicFile, DiskFullIsReported) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "/dev/full not available";
  // Writing through a full device must throw, never report success.
  std::ofstream probe("/dev/full");
  probe << std::string(1 << 16, 'x');
  probe.flush();
  EXPECT_FALSE(probe.good());
}
