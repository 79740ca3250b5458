// Every MIDI file of the shared collections reads without error; the WJazzD files whose
// division has the top bit set read as PPQ 55440 (see shared/data/midi/SOURCES.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "midi/reader.h"
#include "support/shared_data.h"

namespace cadenza::midi {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> midi_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".mid") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class EveryCollection : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryCollection, EveryFileReads) {
  const std::string relative = std::string("midi/") + GetParam();
  CADENZA_REQUIRE_SHARED_DATA(relative);
  const auto files = midi_files(cadenza::testing::shared_data_dir() / relative);
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    try {
      const File file = read(path);
      EXPECT_FALSE(file.tracks.empty()) << path;
      EXPECT_TRUE(file.format == 0 || file.format == 1) << path;
    } catch (const ParseError& error) {
      ADD_FAILURE() << error.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, EveryCollection,
                         ::testing::Values("wjazzd_solos", "midkar_jazz",
                                           "kaggle_jazz_subset_lstm_music", "nottingham_folk",
                                           "pop909"));

TEST(RealFiles, TopBitDivisionIsPpq55440) {
  CADENZA_REQUIRE_SHARED_DATA("midi/wjazzd_solos");
  for (const char* name : {"ChrisPotter_InASentimentalMood_FINAL.mid",
                           "DavidMurray_ChelseaBridge_FINAL.mid", "EricDolphy_Serene_FINAL.mid"}) {
    const File file = read(cadenza::testing::shared_data_dir() / "midi/wjazzd_solos" / name);
    EXPECT_FALSE(file.division.smpte) << name;
    EXPECT_EQ(file.division.ticks_per_quarter, 55440) << name;
  }
}

TEST(RealFiles, OutOfRangeVelocityInAMidkarFileIsClamped) {
  // This file has a note-on with velocity byte 0x80 at byte 567 (music21 reads it as a note).
  CADENZA_REQUIRE_SHARED_DATA("midi/midkar_jazz/on_the_sunny_side_of_the_street_rw.mid");
  const File file = read(cadenza::testing::shared_data_dir() /
                         "midi/midkar_jazz/on_the_sunny_side_of_the_street_rw.mid");
  ASSERT_FALSE(file.warnings.empty());
  EXPECT_EQ(file.warnings[0], "byte 567: data byte 0x80 after status 0x92 clamped to 127");
}

}  // namespace
}  // namespace cadenza::midi
