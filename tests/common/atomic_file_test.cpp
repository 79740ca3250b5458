#include "common/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
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

// A full disk, simulated with the file-size limit (RLIMIT_FSIZE: a write past it fails with
// EFBIG, as one past the end of a full disk fails with ENOSPC): write_file_atomically must throw
// naming the file, keep the old content and leave no temporary file.
TEST(AtomicFile, DiskFullIsReportedAndKeepsTheOldFile) {
  const fs::path dir = fresh_dir("atomic_full");
  cadenza::write_file_atomically(dir / "a.txt", std::string("good"));
  rlimit old_limit{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // else the kernel kills the process
  rlimit small = old_limit;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    cadenza::write_file_atomically(dir / "a.txt", std::string(1 << 20, 'x'));
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_NE(message.find((dir / "a.txt").string()), std::string::npos) << message;
  EXPECT_NE(message.find("disk full"), std::string::npos) << message;
  EXPECT_EQ(slurp(dir / "a.txt"), "good");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
  fs::remove_all(dir);
}
