// The shared helpers of issue 18: thread clamping, output-is-an-input by identity, bounded
// text lines, stale temporary files, the checksum.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/atomic_file.h"
#include "common/checksum.h"
#include "common/limits.h"
#include "common/same_file.h"
#include "common/text_lines.h"
#include "common/threads.h"

namespace cadenza {
namespace {
namespace fs = std::filesystem;

class TempFolder {
 public:
  TempFolder() {
    path_ = fs::temp_directory_path() / ("cadenza_hostile_" + std::to_string(getpid()) + "_" +
                                         std::to_string(std::random_device{}()));
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

TEST(HostileThreads, CountsAreClamped) {
  EXPECT_EQ(max_threads(), std::min(limits::kMaxThreads, 4 * hardware_threads()));
  EXPECT_EQ(clamp_threads(100000), max_threads());
  EXPECT_EQ(clamp_threads(2), 2u);
  EXPECT_EQ(clamp_threads(1), 1u);
  EXPECT_EQ(clamp_threads(0), std::min(hardware_threads(), limits::kMaxThreads));
  EXPECT_EQ(clamp_threads(-5), clamp_threads(0));
}

TEST(HostileSameFile, IdentityNotSpelling) {
  TempFolder dir;
  std::ofstream(dir / "x.mid") << "MThd";
  std::ofstream(dir / "y.mid") << "MThd";
  fs::create_symlink(dir / "x.mid", dir / "link.mid");
  fs::create_hard_link(dir / "x.mid", dir / "hard.mid");
  EXPECT_TRUE(same_file(dir / "x.mid", dir / "x.mid"));
  EXPECT_TRUE(same_file(dir / "./x.mid", dir / "x.mid"));
  EXPECT_TRUE(same_file(dir / "link.mid", dir / "x.mid"));
  EXPECT_TRUE(same_file(dir / "hard.mid", dir / "x.mid"));
  EXPECT_FALSE(same_file(dir / "y.mid", dir / "x.mid"));
  EXPECT_FALSE(same_file(dir / "new.mid", dir / "x.mid"));  // outputs not there yet are fine

  try {
    refuse_output_over_input(dir / "link.mid", {dir / "y.mid", dir / "x.mid"});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("link.mid: is the same file as the input"),
              std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(refuse_output_over_input(dir / "out.mid", {dir / "x.mid"}));
}

TEST(HostileTextLines, LongLinesStopEarlyAndBomIsRemoved) {
  std::istringstream in(std::string(10000, 'a') + "\nshort\r\nlast");
  std::string line;
  EXPECT_EQ(read_line(in, line, 100), LineRead::kTooLong);
  EXPECT_EQ(line.size(), 100u);  // read no further than the limit

  std::istringstream ok("one\r\ntwo\nthree");
  EXPECT_EQ(read_line(ok, line, 100), LineRead::kLine);
  EXPECT_EQ(line, "one");
  EXPECT_EQ(read_line(ok, line, 100), LineRead::kLine);
  EXPECT_EQ(line, "two");
  EXPECT_EQ(read_line(ok, line, 100), LineRead::kLine);
  EXPECT_EQ(line, "three");
  EXPECT_EQ(read_line(ok, line, 100), LineRead::kEnd);

  std::string bom =
      "\xEF\xBB\xBF"
      "filename,length";
  strip_utf8_bom(bom);
  EXPECT_EQ(bom, "filename,length");
  EXPECT_EQ(find_control_character(std::string("C4\x1B") + "x"), 2u);
  EXPECT_EQ(find_control_character(std::string("ab\0c", 4)), 2u);
  EXPECT_EQ(find_control_character("tab\tok"), std::string::npos);
  EXPECT_EQ(describe_byte(0), "NUL");
  EXPECT_EQ(describe_byte(0x1B), "0x1B");
}

TEST(HostileTempFiles, StaleOnesAreRemovedLiveOnesKept) {
  TempFolder dir;
  // A process that has ended: its pid is free (until reused, which the test does not wait for).
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  const fs::path stale = dir / (".m.cdz.tmp" + std::to_string(child) + ".12345");
  const fs::path live = dir / (".m.cdz.tmp" + std::to_string(getppid()) + ".7");
  const fs::path other = dir / (".other.cdz.tmp" + std::to_string(child) + ".1");
  for (const auto& p : {stale, live, other}) std::ofstream(p) << "partial";
  EXPECT_EQ(remove_stale_temp_files(dir / "m.cdz"), 1u);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));   // its writer (our parent) is alive
  EXPECT_TRUE(fs::exists(other));  // another output's
}

TEST(HostileChecksum, KnownValues) {
  // FNV-1a 64 with the checkpoints' offset basis 1469598103934665603 (checksum.h), computed
  // independently in Python: h = basis; for c in bytes: h = ((h ^ c) * 0x100000001b3) mod 2^64.
  EXPECT_EQ(fnv1a64(""), 0x14650fb0739d0383ull);
  EXPECT_EQ(fnv1a64("a"), 0x44bd8ad473cd9906ull);
  EXPECT_EQ(fnv1a64("foobar"), 0x88fad7c0a8ff07f2ull);
}

}  // namespace
}  // namespace cadenza
