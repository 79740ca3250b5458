// REMI and TSD of tiny hand-built files, with the tokens worked out by hand from MidiTok
// 2.1.8's rules (480 ticks per beat, so 1/8 beat = 60 ticks and a 4/4 bar = 1920 ticks).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "midi_bytes.h"
#include "tokens/miditok_config.h"
#include "tokens/miditok_tokenizer.h"

namespace {

using namespace cadenza::tokens::miditok;
using cadenza::testing::smf;
using cadenza::testing::TrackBytes;

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

TrackBytes& tempo(TrackBytes& t, std::uint32_t delta, std::uint32_t microseconds) {
  return t.event(delta, {0xFF, 0x51, 3, static_cast<std::uint8_t>(microseconds >> 16),
                         static_cast<std::uint8_t>(microseconds >> 8),
                         static_cast<std::uint8_t>(microseconds)});
}

// Conductor: 4/4 and 120 BPM at 0; 3/4 and 150 BPM at tick 1920 (bar 2).
// Piano (program 0): C4 0-480 velocity 100; E4 480-3360 (six beats) velocity 65 (a tie between
//   the bins 63 and 67: the lower wins); G4 1920-2400 velocity 127.
// Bass (program 32): E2 960-1200 velocity 5 (tie between 3 and 7); G2 4800-5280 velocity 80,
//   the first note of bar 4 (bar 3 is empty).
// Drums (channel 10): kick 0-30 velocity 1 (rounds to nothing: lasts 1/8 beat); snare at 1950
//   (half a sample late: rounds down to 1920) to 2010, velocity 90.
std::vector<std::uint8_t> two_tracks_and_drums() {
  TrackBytes conductor;
  conductor.time_signature(0, 4, 2);
  tempo(conductor, 0, 500000);
  conductor.time_signature(1920, 3, 2);
  tempo(conductor, 0, 400000);
  conductor.end();
  TrackBytes piano;
  piano.program(0, 0, 0)
      .note_on(0, 0, 60, 100)
      .note_off(480, 0, 60)
      .note_on(0, 0, 64, 65)
      .note_on(1440, 0, 67, 127)
      .note_off(480, 0, 67)
      .note_off(960, 0, 64)
      .end();
  TrackBytes bass;
  bass.program(0, 1, 32)
      .note_on(960, 1, 40, 5)
      .note_off(240, 1, 40)
      .note_on(3600, 1, 43, 80)
      .note_off(480, 1, 43)
      .end();
  TrackBytes drums;
  drums.note_on(0, 9, 36, 1).note_off(30, 9, 36).note_on(1920, 9, 38, 90).note_off(60, 9, 38).end();
  return smf(1, 480, {conductor, piano, bass, drums});
}

std::vector<std::string> tokens_of(const std::vector<std::uint8_t>& bytes, Scheme scheme) {
  const Tokenization t = tokenize_bytes(bytes.data(), bytes.size(), scheme, "test.mid");
  EXPECT_TRUE(t.refusals.empty()) << t.refusals.front();
  return token_texts(t.tokens);
}

TEST(MidiTokTokenizer, RemiOfTwoTracksDrumsTempoChangeAndThreeFour) {
  const auto expected = split(
      "Bar_None TimeSig_4/4 Position_0 Tempo_121.29 "
      "Program_0 Pitch_60 Velocity_99 Duration_1.0.8 Program_-1 Pitch_36 Velocity_3 "
      "Duration_0.1.8 Position_8 Program_0 Pitch_64 Velocity_63 Duration_6.0.4 "
      "Position_16 Program_32 Pitch_40 Velocity_3 Duration_0.4.8 "
      "Bar_None TimeSig_3/4 Position_0 Tempo_148.39 Program_0 Pitch_67 Velocity_127 "
      "Duration_1.0.8 Program_-1 Pitch_38 Velocity_91 Duration_0.1.8 "
      "Bar_None TimeSig_3/4 Bar_None TimeSig_3/4 Position_0 Program_32 Pitch_43 Velocity_79 "
      "Duration_1.0.8");
  EXPECT_EQ(tokens_of(two_tracks_and_drums(), Scheme::Remi), expected);
}

TEST(MidiTokTokenizer, TsdOfTwoTracksDrumsTempoChangeAndThreeFour) {
  const auto expected = split(
      "TimeSig_4/4 Tempo_121.29 Program_0 Pitch_60 Velocity_99 Duration_1.0.8 Program_-1 "
      "Pitch_36 Velocity_3 Duration_0.1.8 TimeShift_1.0.8 Program_0 Pitch_64 Velocity_63 "
      "Duration_6.0.4 TimeShift_1.0.8 Program_32 Pitch_40 Velocity_3 Duration_0.4.8 "
      "TimeShift_2.0.8 TimeSig_3/4 Tempo_148.39 Program_0 Pitch_67 Velocity_127 Duration_1.0.8 "
      "Program_-1 Pitch_38 Velocity_91 Duration_0.1.8 TimeShift_6.0.4 Program_32 Pitch_43 "
      "Velocity_79 Duration_1.0.8");
  EXPECT_EQ(tokens_of(two_tracks_and_drums(), Scheme::Tsd), expected);
}

// Two tracks of one program merge; of two notes with one pitch and onset the later one stays;
// a note of 14 beats is cut to 12; a 13-beat pause is TimeShift 12 beats + 1 beat in TSD;
// pitches outside 21-108 are dropped.
TEST(MidiTokTokenizer, MergesSameProgramCutsLongNotesAndShiftsGreedily) {
  TrackBytes a, b;
  a.note_on(0, 0, 60, 70).note_off(6720, 0, 60).note_on(0, 0, 20, 70).note_off(480, 0, 20).end();
  b.note_on(0, 1, 60, 30).note_off(240, 1, 60).note_on(6000, 1, 62, 30).note_off(480, 1, 62).end();
  // b's C4 (0-240, velocity 30) sorts first by end time, so a's C4 (0-6720 -> 0-5760) stays.
  const auto bytes = smf(1, 480, {a, b});
  EXPECT_EQ(tokens_of(bytes, Scheme::Tsd),
            split("TimeSig_4/4 Tempo_121.29 Program_0 Pitch_60 Velocity_71 Duration_12.0.4 "
                  "TimeShift_12.0.4 TimeShift_1.0.8 Program_0 Pitch_62 Velocity_31 "
                  "Duration_1.0.8"));
}

TEST(MidiTokTokenizer, FlagsWhatMidiTokRefusesAndTokenizesItAnyway) {
  TrackBytes t;
  t.time_signature(0, 7, 3).note_on(0, 0, 60, 64).note_off(24, 0, 60).end();
  // 24 ticks per beat (< 32): time is scaled by 4 to 96; 7/8 is outside MidiTok's range.
  const auto bytes = smf(1, 24, {t});
  const Tokenization r = tokenize_bytes(bytes.data(), bytes.size(), Scheme::Remi);
  ASSERT_EQ(r.refusals.size(), 2u);
  EXPECT_NE(r.refusals[0].find("ticks_per_beat 24 < 32"), std::string::npos);
  EXPECT_NE(r.refusals[1].find("7/8"), std::string::npos);
  EXPECT_EQ(token_texts(r.tokens),
            split("Bar_None TimeSig_7/8 Position_0 Tempo_121.29 Program_0 Pitch_60 Velocity_63 "
                  "Duration_1.0.8"));
}

TEST(MidiTokConfig, ValueTablesAreMidiToks) {
  const Config& c = default_config();
  ASSERT_EQ(c.velocities.size(), 32u);
  EXPECT_EQ(c.velocities.front(), 3);
  EXPECT_EQ(c.velocities[15], 63);
  EXPECT_EQ(c.velocities.back(), 127);
  ASSERT_EQ(c.durations.size(), 64u);
  EXPECT_EQ(c.durations.front().text(), "0.1.8");
  EXPECT_EQ(c.durations.back().text(), "12.0.4");
  ASSERT_EQ(c.tempo_texts.size(), 32u);
  EXPECT_EQ(c.tempo_texts.front(), "40.0");
  EXPECT_EQ(c.tempo_texts[1], "46.77");
  EXPECT_EQ(c.tempo_texts[12], "121.29");
  EXPECT_EQ(c.tempo_texts.back(), "250.0");
  // The binary search picks what MidiTok's argmin picks, ties to the lower value included.
  const auto ticks = c.duration_ticks(480);
  for (std::int64_t d = 0; d < 7000; ++d)
    ASSERT_EQ(c.nearest_duration(d, ticks), nearest_duration_scan(d, ticks)) << d;
}

TEST(MidiTokVocab, IdsAndSizesAreMidiToks) {
  const MidiTokVocab remi(Scheme::Remi), tsd(Scheme::Tsd);
  EXPECT_EQ(remi.size(), 407u);
  EXPECT_EQ(tsd.size(), 422u);
  EXPECT_EQ(remi.text(4), "Bar_None");
  EXPECT_EQ(remi.text(5), "Pitch_21");
  EXPECT_EQ(remi.text(93), "Velocity_3");
  EXPECT_EQ(remi.text(125), "Duration_0.1.8");
  EXPECT_EQ(remi.text(189), "Position_0");
  EXPECT_EQ(remi.text(237), "Tempo_40.0");
  EXPECT_EQ(remi.text(269), "Program_-1");
  EXPECT_EQ(remi.text(398), "TimeSig_3/8");
  EXPECT_EQ(remi.text(406), "TimeSig_4/4");
  EXPECT_EQ(tsd.text(188), "TimeShift_0.1.8");
  EXPECT_EQ(tsd.text(421), "TimeSig_4/4");
  for (int id = 0; id < static_cast<int>(remi.size()); ++id)
    EXPECT_EQ(remi.id(*parse_token(remi.text(id))), id) << remi.text(id);
  for (int id = 0; id < static_cast<int>(tsd.size()); ++id)
    EXPECT_EQ(tsd.id(*parse_token(tsd.text(id))), id) << tsd.text(id);
  EXPECT_FALSE(remi.id({TokenKind::Position, 48}));
  EXPECT_FALSE(remi.id({TokenKind::TimeShift, 0}));
  EXPECT_FALSE(remi.id({TokenKind::Velocity, 64}));
}

}  // namespace
