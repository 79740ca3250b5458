// The fuzzer's regression corpus (fuzz/corpus/midi_reader/): every file either reads (and
// converts to a Score) or is refused with a ParseError; nothing else may happen.
#include <gtest/gtest.h>

#include <filesystem>

#include "midi/reader.h"
#include "score/score.h"

namespace cadenza::score {
namespace {

namespace fs = std::filesystem;

TEST(FuzzCorpus, EveryFileReadsOrIsRefusedCleanly) {
  const fs::path corpus = fs::path(CADENZA_SOURCE_DIR) / "fuzz/corpus/midi_reader";
  ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
  std::size_t files = 0, refused = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    try {
      const Score score = from_midi(midi::read(entry.path()));
      for (const Note& note : score.notes) {
        EXPECT_LE(note.start_tick, note.end_tick) << entry.path();
        EXPECT_GE(note.duration_seconds, 0.0) << entry.path();
      }
    } catch (const midi::ParseError& error) {
      ++refused;
      EXPECT_EQ(error.source(), entry.path().string());
    }
  }
  EXPECT_GE(files, 9u);  // the synthetic regression files committed with the fuzzer
  EXPECT_LT(refused, files);
}

}  // namespace
}  // namespace cadenza::score
