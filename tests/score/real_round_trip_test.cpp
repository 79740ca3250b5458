// Reading, writing and reading again gives identical notes for every file of the shared
// collections (all of wjazzd_solos, midkar_jazz, the kaggle subset, nottingham_folk, pop909).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/note_equality.h"
#include "score/score.h"
#include "support/shared_data.h"

namespace cadenza::score {
namespace {

namespace fs = std::filesystem;

class RoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(RoundTrip, ReadWriteReadGivesIdenticalNotes) {
  const std::string relative = std::string("midi/") + GetParam();
  CADENZA_REQUIRE_SHARED_DATA(relative);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cadenza::testing::shared_data_dir() / relative)) {
    if (entry.path().extension() == ".mid") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::size_t notes = 0;
  for (const auto& path : files) {
    const Score first = from_midi(midi::read(path));
    const std::vector<std::uint8_t> bytes = midi::serialize(to_midi(first));
    const Score second = from_midi(midi::parse(bytes.data(), bytes.size(), path.string()));
    EXPECT_TRUE(testing::same_notes(first, second)) << path;
    EXPECT_EQ(first.tempos.size(), second.tempos.size()) << path;
    notes += first.notes.size();
  }
  EXPECT_GT(notes, files.size());
}

INSTANTIATE_TEST_SUITE_P(Shared, RoundTrip,
                         ::testing::Values("wjazzd_solos", "midkar_jazz",
                                           "kaggle_jazz_subset_lstm_music", "nottingham_folk",
                                           "pop909"));

TEST(RealFiles, TopBitPpqFileTimesLikeItsNeighbours) {
  // Division 0xD890 read as PPQ 55440 gives the solo's length; read as SMPTE it would last
  // hours. The reference: mido 1.2.10 (Debian's python3-mido) with ticks_per_beat = 55440, whose
  // MidiFile.length (the last event, a note-off) is 123.22030303 s; 1 ms allowed for rounding.
  CADENZA_REQUIRE_SHARED_DATA("midi/wjazzd_solos/EricDolphy_Serene_FINAL.mid");
  const Score s = from_midi(midi::read(cadenza::testing::shared_data_dir() /
                                       "midi/wjazzd_solos/EricDolphy_Serene_FINAL.mid"));
  EXPECT_EQ(s.ticks_per_quarter, 55440);
  EXPECT_NEAR(s.duration_seconds(), 123.2203, 1e-3);
}

}  // namespace
}  // namespace cadenza::score
