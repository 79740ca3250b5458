// to_midi: synthetic scores survive writing and reading back note for note; what MIDI cannot
// hold is refused.
#include <gtest/gtest.h>

#include "midi/reader.h"
#include "midi/smf_bytes.h"
#include "midi/writer.h"
#include "score/note_equality.h"
#include "score/score.h"
#include "score/tempo_map.h"

namespace cadenza::score {
namespace {

Score reread(const Score& score) {
  const std::vector<std::uint8_t> bytes = midi::serialize(to_midi(score));
  return from_midi(midi::parse(bytes.data(), bytes.size(), "round-trip"));
}

Note make_note(int track, int channel, int program, int pitch, std::int64_t start, std::int64_t end,
               int velocity = 80) {
  Note n;
  n.track = track;
  n.channel = channel;
  n.program = program;
  n.pitch = pitch;
  n.start_tick = start;
  n.end_tick = end;
  n.velocity = velocity;
  return n;
}

// Fills quarters and seconds and sorts, as from_midi leaves a score.
Score finished(Score s) {
  const TempoMap map(s.tempos, s.ticks_per_quarter);
  for (Note& n : s.notes) {
    n.start_quarters = double(n.start_tick) / s.ticks_per_quarter;
    n.duration_quarters = double(n.end_tick - n.start_tick) / s.ticks_per_quarter;
    n.start_seconds = map.seconds_at(n.start_tick);
    n.duration_seconds = map.seconds_at(n.end_tick) - n.start_seconds;
  }
  std::stable_sort(s.notes.begin(), s.notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.start_tick, a.pitch, a.track, a.channel, a.end_tick) <
           std::tie(b.start_tick, b.pitch, b.track, b.channel, b.end_tick);
  });
  return s;
}

Score synthetic() {
  Score s;
  s.ticks_per_quarter = 384;
  s.tempos = {{0, 600000}, {768, 400000}, {1536, 750000}};
  s.time_signatures = {{0, 4, 4}, {1536, 7, 8}};
  s.key_signatures = {{0, -3, false}, {768, 2, true}};
  s.tracks = {{"Conductor", "", -1, -1}, {"Piano", "Grand", 0, 0}, {"Bass", "", 32, 1}};
  // Chords in track 1, a bass line in track 2, a program change mid-way on channel 1, a
  // zero-length note, a repeated pitch ending exactly where the next starts, overlapping
  // same-pitch notes that end in the order they start, and a second piano track on channel 0.
  s.notes = {make_note(1, 0, 0, 60, 0, 384),         make_note(1, 0, 0, 64, 0, 384),
             make_note(1, 0, 0, 67, 0, 384),         make_note(1, 0, 0, 60, 384, 768),
             make_note(2, 1, 32, 36, 0, 768),        make_note(2, 1, 33, 38, 768, 1536),
             make_note(2, 1, 33, 40, 1536, 1536),    make_note(1, 0, 0, 72, 768, 1200, 1),
             make_note(1, 0, 0, 72, 800, 1300, 127), make_note(3, 0, 0, 48, 2000, 2400),
             make_note(1, 9, 0, 42, 100, 110)};
  return finished(s);
}

TEST(ToMidi, SyntheticScoreRoundTripsNoteForNote) {
  const Score s = synthetic();
  const Score back = reread(s);
  EXPECT_TRUE(testing::same_notes(s, back));
  ASSERT_EQ(back.tempos.size(), 3u);
  EXPECT_DOUBLE_EQ(back.tempos[1].microseconds_per_quarter, 400000);
  ASSERT_EQ(back.time_signatures.size(), 2u);
  EXPECT_EQ(back.time_signatures[1].numerator, 7);
  EXPECT_EQ(back.time_signatures[1].denominator, 8);
  ASSERT_EQ(back.key_signatures.size(), 2u);
  EXPECT_EQ(back.key_signatures[0].sharps, -3);
  EXPECT_TRUE(back.key_signatures[1].minor);
  ASSERT_EQ(back.tracks.size(), 4u);
  EXPECT_EQ(back.tracks[1].name, "Piano");
  EXPECT_EQ(back.tracks[1].instrument, "Grand");
  EXPECT_EQ(back.tracks[2].name, "Bass");
}

TEST(ToMidi, WritesFormat1WithTheTempoMapInTrackZero) {
  const midi::File file = to_midi(synthetic());
  EXPECT_EQ(file.format, 1);
  EXPECT_EQ(file.division.ticks_per_quarter, 384);
  ASSERT_EQ(file.tracks.size(), 4u);
  const auto& conductor = file.tracks[0].events;
  ASSERT_GE(conductor.size(), 2u);
  EXPECT_EQ(conductor[0].meta_type, midi::meta::kTrackName);
  EXPECT_EQ(conductor[1].meta_type, midi::meta::kTempo);
  EXPECT_EQ(conductor[1].data, std::string("\x09\x27\xC0", 3));  // 600000
}

TEST(ToMidi, ProgramChangesPrecedeTheNotesThatNeedThem) {
  const midi::File file = to_midi(synthetic());
  // Track 2 (bass, channel 1): program 32 at 0, program 33 before the note at 768.
  std::vector<std::pair<std::uint64_t, int>> programs;
  for (const auto& e : file.tracks[2].events) {
    if (e.kind == midi::EventKind::ProgramChange) programs.push_back({e.tick, e.data1});
  }
  const std::vector<std::pair<std::uint64_t, int>> expected = {{0, 32}, {768, 33}};
  EXPECT_EQ(programs, expected);
}

TEST(ToMidi, TwoTracksOnOneChannelWithDifferentProgramsAtTheSameTick) {
  Score s;
  s.notes = {make_note(0, 0, 10, 60, 0, 100), make_note(1, 0, 20, 62, 0, 100),
             make_note(0, 0, 10, 64, 100, 200), make_note(1, 0, 20, 65, 100, 200)};
  s.tempos = {{0, 500000}};
  s = finished(s);
  EXPECT_TRUE(testing::same_notes(s, reread(s)));
}

TEST(ToMidi, SmpteFileRoundTrips) {
  const testing::Bytes bytes = testing::smf(
      0, 0xE364, {{0x00, 0x90, 0x3C, 0x40, 0x97, 0x38, 0x80, 0x3C, 0x00, 0x00, 0x91, 0x3E, 0x40}});
  const Score s = from_midi(midi::parse(bytes.data(), bytes.size()));
  EXPECT_TRUE(testing::same_notes(s, reread(s)));
}

TEST(ToMidi, VelocityZeroIsWrittenAsOne) {
  Score s;
  s.notes = {make_note(0, 0, 0, 60, 0, 10, 0)};
  const Score back = reread(s);
  ASSERT_EQ(back.notes.size(), 1u);
  EXPECT_EQ(back.notes[0].velocity, 1);
  EXPECT_EQ(back.notes[0].end_tick, 10);
}

TEST(ToMidi, RefusesWhatMidiCannotHold) {
  Score s;
  s.notes = {make_note(0, 0, 0, 128, 0, 10)};
  EXPECT_THROW(to_midi(s), std::invalid_argument);
  s.notes = {make_note(0, 16, 0, 60, 0, 10)};
  EXPECT_THROW(to_midi(s), std::invalid_argument);
  s.notes = {make_note(0, 0, 0, 60, 10, 5)};
  EXPECT_THROW(to_midi(s), std::invalid_argument);
  s.notes = {make_note(-1, 0, 0, 60, 0, 5)};
  EXPECT_THROW(to_midi(s), std::invalid_argument);
  s.notes.clear();
  s.time_signatures = {{0, 5, 6}};
  EXPECT_THROW(to_midi(s), std::invalid_argument);
  s.time_signatures.clear();
  s.ticks_per_quarter = 100000;
  EXPECT_THROW(midi::serialize(to_midi(s)), std::invalid_argument);
}

TEST(ToMidi, EmptyScoreWritesOneTrack) {
  const Score back = reread(Score{});
  EXPECT_TRUE(back.notes.empty());
  EXPECT_EQ(back.tracks.size(), 1u);
  EXPECT_EQ(back.tempos.size(), 1u);
}

}  // namespace
}  // namespace cadenza::score
