// The procedural jazz-like piece maker: deterministic (with golden values that must hold on
// every machine), valid MIDI, sensible ranges, chords under single notes.
#include "score/procedural.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/note_equality.h"

namespace cadenza::score {
namespace {

TEST(Procedural, SameSeedSamePieceOtherSeedOtherPiece) {
  const Score a = make_jazz_like_piece(42), b = make_jazz_like_piece(42);
  EXPECT_TRUE(testing::same_notes(a, b));
  const Score c = make_jazz_like_piece(43);
  EXPECT_FALSE(testing::same_notes(a, c));
}

TEST(Procedural, GoldenNotesForSeedOne) {
  // Fixed by the algorithm and std::mt19937_64 (fully specified by the standard): any change
  // here means pieces differ across versions or machines.
  const Score s = make_jazz_like_piece(1);
  ASSERT_EQ(s.notes.size(), 96u);
  const int expected[][5] = {
      // track, pitch, velocity, start, end
      {0, 56, 64, 0, 660},    {0, 58, 64, 0, 660},
      {0, 61, 64, 0, 660},    {0, 65, 64, 0, 660},
      {1, 80, 84, 0, 280},    {1, 79, 87, 320, 440},
      {0, 56, 58, 720, 1860}, {0, 58, 58, 720, 1860},
      {0, 61, 58, 720, 1860}, {0, 65, 58, 720, 1860},
      {1, 77, 76, 960, 1240}, {1, 75, 96, 1280, 1400}};  // track, pitch, velocity, start, end
  for (std::size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); ++i) {
    const Note& n = s.notes[i];
    EXPECT_EQ(n.track, expected[i][0]) << i;
    EXPECT_EQ(n.pitch, expected[i][1]) << i;
    EXPECT_EQ(n.velocity, expected[i][2]) << i;
    EXPECT_EQ(n.start_tick, expected[i][3]) << i;
    EXPECT_EQ(n.end_tick, expected[i][4]) << i;
  }
  EXPECT_NEAR(s.tempos[0].bpm(), 179.0, 1e-3);
}

TEST(Procedural, WritesValidMidiThatReadsBackNoteForNote) {
  for (std::uint64_t seed : {1u, 2u, 3u, 1000u}) {
    const Score s = make_jazz_like_piece(seed);
    const std::vector<std::uint8_t> bytes = midi::serialize(to_midi(s));
    const Score back = from_midi(midi::parse(bytes.data(), bytes.size(), "procedural"));
    EXPECT_TRUE(testing::same_notes(s, back)) << seed;
    ASSERT_EQ(back.tracks.size(), 2u);
    EXPECT_EQ(back.tracks[0].name, "Piano");
    EXPECT_EQ(back.tracks[1].name, "Melody");
  }
}

TEST(Procedural, ChordsBelowASingleLineInRange) {
  ProceduralOptions options;
  options.bars = 16;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Score s = make_jazz_like_piece(seed, options);
    std::map<std::int64_t, int> chord_sizes;
    std::int64_t melody_end = -1;
    std::int64_t last_tick = 0;
    for (const Note& n : s.notes) {
      ASSERT_GE(n.pitch, 0);
      ASSERT_LE(n.pitch, 127);
      ASSERT_LT(n.start_tick, n.end_tick);
      last_tick = std::max(last_tick, n.end_tick);
      if (n.track == 0) {
        EXPECT_GE(n.pitch, 48);
        EXPECT_LE(n.pitch, 72);
        EXPECT_EQ(n.program, 0);
        ++chord_sizes[n.start_tick];
      } else {
        EXPECT_EQ(n.track, 1);
        EXPECT_GE(n.pitch, 67);
        EXPECT_LE(n.pitch, 88);
        EXPECT_EQ(n.program, 65);
        EXPECT_GE(n.start_tick, melody_end) << "melody notes overlap, seed " << seed;
        melody_end = n.end_tick;
      }
    }
    ASSERT_GE(chord_sizes.size(), 16u);  // at least one chord per bar
    for (const auto& [tick, size] : chord_sizes) EXPECT_EQ(size, 4) << tick;
    EXPECT_GE(melody_end, 0);
    EXPECT_LE(last_tick, 16 * 4 * 480);
    EXPECT_GT(last_tick, 15 * 4 * 480);
  }
}

TEST(Procedural, CorpusPiecesDifferAndRepeat) {
  const auto a = make_jazz_like_corpus(5, 7), b = make_jazz_like_corpus(5, 7);
  ASSERT_EQ(a.size(), 5u);
  std::set<double> tempos;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(testing::same_notes(a[i], b[i]));
    tempos.insert(a[i].tempos[0].bpm());
  }
  EXPECT_GT(tempos.size(), 1u);
}

TEST(Procedural, RefusesInvalidOptions) {
  ProceduralOptions options;
  options.bars = 0;
  EXPECT_THROW(make_jazz_like_piece(1, options), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::score
