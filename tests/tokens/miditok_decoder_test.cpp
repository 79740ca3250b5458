// Decoding REMI / TSD tokens: notes where the tokens put them (hand-computed at 384 ticks per
// beat), and any sequence, however malformed, gives a valid MIDI file and skipped-token counts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/score.h"
#include "tokens/miditok_decoder.h"

namespace {

using namespace cadenza::tokens::miditok;

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

struct Flat {
  int program, pitch, velocity;
  std::int64_t start, end;
  bool operator==(const Flat& o) const {
    return program == o.program && pitch == o.pitch && velocity == o.velocity && start == o.start &&
           end == o.end;
  }
};

std::vector<Flat> flat_notes(const DecodedPiece& piece) {
  std::vector<Flat> out;
  for (const auto& instrument : piece.instruments)
    for (const auto& n : instrument.notes)
      out.push_back({instrument.program, n.pitch, n.velocity, n.start, n.end});
  return out;
}

// The decoded piece makes a MIDI file that reads back with the same notes.
void expect_valid_midi(const DecodedPiece& piece) {
  const auto bytes = cadenza::midi::serialize(cadenza::score::to_midi(to_score(piece)));
  const auto back = cadenza::score::from_midi(cadenza::midi::parse(bytes.data(), bytes.size()));
  EXPECT_EQ(back.notes.size(), piece.note_count());
}

TEST(MidiTokDecoder, RemiNotesTemposAndTimeSignaturesAtHandComputedTicks) {
  // 384 ticks per beat: 1/8 beat = 48 ticks, a 4/4 bar = 1536, a 3/4 bar = 1152.
  const DecodedPiece piece = decode(
      split("Bar_None TimeSig_4/4 Position_0 Tempo_121.29 Program_0 Pitch_60 Velocity_99 "
            "Duration_1.0.8 Program_-1 Pitch_36 Velocity_3 Duration_0.1.8 Position_8 Program_0 "
            "Pitch_64 Velocity_63 Duration_6.0.4 Bar_None TimeSig_3/4 Position_0 Tempo_148.39 "
            "Bar_None TimeSig_3/4 Bar_None TimeSig_3/4 Position_4 Program_32 Pitch_43 "
            "Velocity_79 Duration_1.0.8"),
      Scheme::Remi, 384);
  EXPECT_EQ(piece.skipped_count(), 0u);
  const std::vector<Flat> expected = {{0, 60, 99, 0, 384},
                                      {0, 64, 63, 384, 384 + 6 * 384},
                                      {-1, 36, 3, 0, 48},
                                      {32, 43, 79, 1536 + 2 * 1152 + 192, 1536 + 2 * 1152 + 576}};
  EXPECT_EQ(flat_notes(piece), expected);
  ASSERT_EQ(piece.tempos.size(), 2u);
  EXPECT_EQ(piece.tempos[1].tick, 1536);
  EXPECT_DOUBLE_EQ(piece.tempos[1].bpm, 148.39);
  ASSERT_EQ(piece.time_signatures.size(), 2u);
  EXPECT_EQ(piece.time_signatures[1].tick, 1536);
  EXPECT_EQ(piece.time_signatures[1].numerator, 3);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, TsdNotesAtHandComputedTicks) {
  const DecodedPiece piece = decode(
      split("TimeSig_4/4 Tempo_121.29 Program_0 Pitch_60 Velocity_99 Duration_1.0.8 "
            "TimeShift_12.0.4 TimeShift_1.4.8 Program_-1 Pitch_38 Velocity_91 Duration_0.1.8 "
            "TimeSig_3/4"),
      Scheme::Tsd, 384);
  EXPECT_EQ(piece.skipped_count(), 0u);
  const std::int64_t t = 12 * 384 + 384 + 4 * 48;
  const std::vector<Flat> expected = {{0, 60, 99, 0, 384}, {-1, 38, 91, t, t + 48}};
  EXPECT_EQ(flat_notes(piece), expected);
  // A TimeSig after a note of its tick was later in the file than that note (the encoder lists
  // time signatures first): it goes one tick later, which encodes back the same.
  ASSERT_EQ(piece.time_signatures.size(), 2u);
  EXPECT_EQ(piece.time_signatures[1].tick, t + 1);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, PitchWithoutVelocityIsSkipped) {
  const DecodedPiece piece =
      decode(split("Bar_None Position_0 Program_0 Pitch_60 Duration_1.0.8 Pitch_62 Velocity_63"),
             Scheme::Remi);
  EXPECT_EQ(piece.note_count(), 0u);
  EXPECT_EQ(piece.skipped.at("Pitch not followed by Velocity and Duration"), 2u);
  EXPECT_EQ(piece.skipped.at("Duration without Pitch"), 1u);
  EXPECT_EQ(piece.skipped.at("Velocity without Pitch"), 1u);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, PositionGoingBackMovesTimeBackInTheBar) {
  const DecodedPiece piece = decode(split("Bar_None Position_16 Program_0 Pitch_60 Velocity_63 "
                                          "Duration_0.4.8 Position_4 Program_0 Pitch_62 "
                                          "Velocity_63 Duration_0.4.8"),
                                    Scheme::Remi, 384);
  const std::vector<Flat> expected = {{0, 60, 63, 768, 960}, {0, 62, 63, 192, 384}};
  EXPECT_EQ(flat_notes(piece), expected);
  EXPECT_EQ(piece.skipped_count(), 0u);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, EmptyBarsAreSilence) {
  const DecodedPiece piece =
      decode(split("Bar_None Bar_None Bar_None Position_0 Program_5 Pitch_60 Velocity_63 "
                   "Duration_1.0.8 Bar_None Bar_None"),
             Scheme::Remi, 384);
  const std::vector<Flat> expected = {{5, 60, 63, 2 * 1536, 2 * 1536 + 384}};
  EXPECT_EQ(flat_notes(piece), expected);
  expect_valid_midi(piece);
  EXPECT_EQ(decode({}, Scheme::Remi).note_count(), 0u);  // nothing at all: an empty file
  expect_valid_midi(decode({}, Scheme::Tsd));
}

TEST(MidiTokDecoder, UnknownAndOutOfRangeTokensAreSkippedByReason) {
  const DecodedPiece piece = decode(
      split("BOS_None Foo_1 garbage Tempo_99.9 Bar_None Position_0 Program_300 Pitch_200 "
            "Velocity_63 Duration_1.0.8 Program_3 Pitch_60 Velocity_0 Duration_1.0.8 TimeSig_5/6 "
            "TimeShift_1.0.8 Position_-3 Pitch_61 Velocity_63 Duration_9.9.9 Pitch_62 Velocity_63 "
            "Duration_0.1.8 EOS_None"),
      Scheme::Remi, 384);
  EXPECT_EQ(piece.skipped.at("special token"), 2u);
  EXPECT_EQ(piece.skipped.at("not a MidiTok token"), 4u);  // Foo_1 garbage Tempo_99.9 Dur 9.9.9
  EXPECT_EQ(piece.skipped.at("program outside -1..127"), 1u);
  EXPECT_EQ(piece.skipped.at("pitch outside 0-127"), 1u);
  EXPECT_EQ(piece.skipped.at("velocity outside 1-127"), 1u);
  EXPECT_EQ(piece.skipped.at("time signature MIDI cannot hold"), 1u);
  EXPECT_EQ(piece.skipped.at("TimeShift in REMI"), 1u);
  EXPECT_EQ(piece.skipped.at("Position before the start"), 1u);
  EXPECT_EQ(piece.skipped.at("Pitch not followed by Velocity and Duration"), 1u);
  const std::vector<Flat> expected = {{3, 62, 63, 0, 48}};
  EXPECT_EQ(flat_notes(piece), expected);
  expect_valid_midi(piece);
}

// Found by the fuzzer: a time signature change placed by a Position far past its bar made the
// next bars count backwards, to negative ticks. A Bar moves time on from the bar before (here
// as MidiTok does: one 4/4 bar after tick 0).
TEST(MidiTokDecoder, ABarNeverGoesBackInTime) {
  const DecodedPiece piece = decode(
      split("Bar_None TimeSig_1/4 Position_47 TimeSig_4/4 Bar_None Position_0 Program_0 Pitch_60 "
            "Velocity_63 Duration_0.1.8"),
      Scheme::Remi, 384);
  ASSERT_EQ(piece.note_count(), 1u);
  EXPECT_EQ(piece.instruments[0].notes[0].start, 1536);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, RemiTokensInTsdAreSkipped) {
  const DecodedPiece piece = decode(
      split("Bar_None Position_4 Program_0 Pitch_60 Velocity_63 Duration_0.1.8"), Scheme::Tsd);
  EXPECT_EQ(piece.skipped.at("Bar in TSD"), 1u);
  EXPECT_EQ(piece.skipped.at("Position in TSD"), 1u);
  EXPECT_EQ(piece.note_count(), 1u);
  expect_valid_midi(piece);
}

TEST(MidiTokDecoder, OverlappingNotesOfOnePitchGetTheirOwnTrack) {
  // Two C4s of one program overlap (0-8 beats and 1-2 beats): first-in first-out note-offs in
  // one track would pair them wrongly, so the second goes to another track.
  const DecodedPiece piece =
      decode(split("TimeSig_4/4 Program_0 Pitch_60 Velocity_63 Duration_8.0.4 TimeShift_1.0.8 "
                   "Program_0 Pitch_60 Velocity_63 Duration_1.0.8"),
             Scheme::Tsd, 384);
  const cadenza::score::Score score = to_score(piece);
  ASSERT_EQ(score.notes.size(), 2u);
  EXPECT_NE(score.notes[0].track, score.notes[1].track);
  const auto bytes = cadenza::midi::serialize(cadenza::score::to_midi(score));
  const auto back = cadenza::score::from_midi(cadenza::midi::parse(bytes.data(), bytes.size()));
  ASSERT_EQ(back.notes.size(), 2u);
  EXPECT_EQ(back.notes[0].end_tick - back.notes[0].start_tick, 8 * 384);
  EXPECT_EQ(back.notes[1].end_tick - back.notes[1].start_tick, 384);
}

TEST(MidiTokDecoder, RejectsATimeDivisionMidiTokRejects) {
  EXPECT_THROW(decode({}, Scheme::Remi, 100), std::invalid_argument);
}

}  // namespace
