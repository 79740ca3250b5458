// from_midi on tiny files built byte by byte; every expected value is worked out by hand.
#include "score/score.h"

#include <gtest/gtest.h>

#include "midi/reader.h"
#include "midi/smf_bytes.h"

namespace cadenza::score {
namespace {

using testing::Bytes;
using testing::smf;

Score score_of(const Bytes& bytes) { return from_midi(midi::parse(bytes.data(), bytes.size())); }

TEST(FromMidi, TempoMapGivesQuartersAndSeconds) {
  // PPQ 480. Track 0: 120 BPM at 0, 60 BPM at tick 960, 3/4 time, 2 flats minor.
  const Bytes conductor = {0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,        // 500000 us
                           0x00, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08,  // 3/4
                           0x00, 0xFF, 0x59, 0x02, 0xFE, 0x01,              // g minor
                           0x87, 0x40, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40,  // +960: 1000000 us
                           0x00, 0xFF, 0x2F, 0x00};
  // Track 1: "Piano", program 5; notes 60 [0,480], 64 [480,1440], 67 [1440,1920].
  const Bytes piano = {0x00, 0xFF, 0x03, 0x05, 'P',  'i', 'a', 'n', 'o',  //
                       0x00, 0xC0, 0x05,                                  //
                       0x00, 0x90, 0x3C, 0x64,                            // 60 on at 0
                       0x83, 0x60, 0x80, 0x3C, 0x00,                      // off at 480
                       0x00, 0x90, 0x40, 0x50,                            // 64 on at 480
                       0x87, 0x40, 0x40, 0x00,                            // off at 1440
                       0x00, 0x43, 0x46,                                  // 67 on at 1440
                       0x83, 0x60, 0x43, 0x00,                            // off at 1920
                       0x00, 0xFF, 0x2F, 0x00};
  const Score s = score_of(smf(1, 480, {conductor, piano}));
  EXPECT_EQ(s.ticks_per_quarter, 480);
  ASSERT_EQ(s.tempos.size(), 2u);
  EXPECT_EQ(s.tempos[0].tick, 0);
  EXPECT_DOUBLE_EQ(s.tempos[0].bpm(), 120);
  EXPECT_EQ(s.tempos[1].tick, 960);
  EXPECT_DOUBLE_EQ(s.tempos[1].bpm(), 60);
  ASSERT_EQ(s.time_signatures.size(), 1u);
  EXPECT_EQ(s.time_signatures[0].numerator, 3);
  EXPECT_EQ(s.time_signatures[0].denominator, 4);
  ASSERT_EQ(s.key_signatures.size(), 1u);
  EXPECT_EQ(s.key_signatures[0].sharps, -2);
  EXPECT_TRUE(s.key_signatures[0].minor);
  ASSERT_EQ(s.tracks.size(), 2u);
  EXPECT_EQ(s.tracks[1].name, "Piano");
  EXPECT_EQ(s.tracks[1].program, 5);
  EXPECT_EQ(s.tracks[1].channel, 0);
  EXPECT_EQ(s.tracks[0].program, -1);

  ASSERT_EQ(s.notes.size(), 3u);
  const Note& a = s.notes[0];
  EXPECT_EQ(a.pitch, 60);
  EXPECT_EQ(a.velocity, 100);
  EXPECT_EQ(a.program, 5);
  EXPECT_EQ(a.track, 1);
  EXPECT_EQ(a.start_tick, 0);
  EXPECT_EQ(a.end_tick, 480);
  EXPECT_DOUBLE_EQ(a.duration_quarters, 1.0);
  EXPECT_DOUBLE_EQ(a.duration_seconds, 0.5);
  const Note& b = s.notes[1];  // 480..960 at 0.5 s/quarter, 960..1440 at 1 s/quarter
  EXPECT_EQ(b.pitch, 64);
  EXPECT_DOUBLE_EQ(b.start_quarters, 1.0);
  EXPECT_DOUBLE_EQ(b.duration_quarters, 2.0);
  EXPECT_DOUBLE_EQ(b.start_seconds, 0.5);
  EXPECT_DOUBLE_EQ(b.duration_seconds, 1.5);
  const Note& c = s.notes[2];  // running status note
  EXPECT_EQ(c.pitch, 67);
  EXPECT_EQ(c.velocity, 0x46);
  EXPECT_DOUBLE_EQ(c.start_seconds, 2.0);
  EXPECT_DOUBLE_EQ(c.duration_seconds, 1.0);
  EXPECT_DOUBLE_EQ(s.seconds_at(1920), 3.0);
  EXPECT_DOUBLE_EQ(s.duration_seconds(), 3.0);
}

TEST(FromMidi, NoTempoMeansOneHundredTwentyBpm) {
  const Score s = score_of(smf(0, 96, {{0x00, 0x90, 0x3C, 0x40, 0x81, 0x40, 0x80, 0x3C, 0x00}}));
  ASSERT_EQ(s.tempos.size(), 1u);
  EXPECT_DOUBLE_EQ(s.tempos[0].microseconds_per_quarter, 500000);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_DOUBLE_EQ(s.notes[0].duration_seconds, 1.0);  // 192 ticks = 2 quarters
  EXPECT_EQ(s.notes[0].program, 0);
}

TEST(FromMidi, OverlappingNotesOfOnePitchPairFirstInFirstOut) {
  // on v10 @0, on v20 @100, off @200, off @300: [0,200] v10 and [100,300] v20.
  const Score s = score_of(smf(0, 480,
                               {{0x00, 0x90, 0x3C, 0x0A, 0x64, 0x90, 0x3C, 0x14, 0x64, 0x80, 0x3C,
                                 0x00, 0x64, 0x90, 0x3C, 0x00}}));
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_EQ(s.notes[0].velocity, 10);
  EXPECT_EQ(s.notes[0].start_tick, 0);
  EXPECT_EQ(s.notes[0].end_tick, 200);
  EXPECT_EQ(s.notes[1].velocity, 20);
  EXPECT_EQ(s.notes[1].start_tick, 100);
  EXPECT_EQ(s.notes[1].end_tick, 300);
}

TEST(FromMidi, UnmatchedOffIgnoredAndOpenNoteEndsWithItsTrack) {
  // off 62 @0 (nothing open), on 60 @10, on 61 on channel 2 @20, end of track @1000.
  const Score s = score_of(smf(0, 480,
                               {{0x00, 0x80, 0x3E, 0x00, 0x0A, 0x90, 0x3C, 0x40, 0x0A, 0x92, 0x3D,
                                 0x40, 0x87, 0x54, 0xFF, 0x2F, 0x00}}));
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_EQ(s.notes[0].end_tick, 1000);
  EXPECT_EQ(s.notes[1].channel, 2);
  EXPECT_EQ(s.notes[1].end_tick, 1000);
}

TEST(FromMidi, RepeatedNoteWithOnBeforeOffAtTheSameTick) {
  // Some sequencers write the next note-on before the previous note-off at the same tick.
  const Score s = score_of(smf(0, 480,
                               {{0x00, 0x90, 0x3C, 0x40, 0x83, 0x60, 0x90, 0x3C, 0x41, 0x00, 0x80,
                                 0x3C, 0x00, 0x83, 0x60, 0x80, 0x3C, 0x00}}));
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_EQ(s.notes[0].end_tick, 480);
  EXPECT_EQ(s.notes[1].start_tick, 480);
  EXPECT_EQ(s.notes[1].end_tick, 960);
  EXPECT_EQ(s.notes[1].velocity, 0x41);
}

TEST(FromMidi, ProgramChangesApplyAcrossTracksInMergedOrder) {
  // Track 0: program 40 on channel 1 at 0. Track 2: program 41 on channel 1 at tick 100.
  // Track 1: notes on channel 1 at 0 and 100; track 3: a note on channel 1 at 100.
  // At tick 100 track 1 comes before track 2, so only track 3's note hears program 41.
  const Bytes t0 = {0x00, 0xC1, 0x28, 0x00, 0xFF, 0x2F, 0x00};
  const Bytes t1 = {0x00, 0x91, 0x3C, 0x40, 0x10, 0x81, 0x3C, 0x00,
                    0x54, 0x91, 0x3E, 0x40, 0x10, 0x81, 0x3E, 0x00};
  const Bytes t2 = {0x64, 0xC1, 0x29};
  const Bytes t3 = {0x64, 0x91, 0x40, 0x40, 0x10, 0x81, 0x40, 0x00};
  const Score s = score_of(smf(1, 480, {t0, t1, t2, t3}));
  ASSERT_EQ(s.notes.size(), 3u);
  EXPECT_EQ(s.notes[0].pitch, 60);
  EXPECT_EQ(s.notes[0].program, 40);
  EXPECT_EQ(s.notes[1].pitch, 62);
  EXPECT_EQ(s.notes[1].program, 40);
  EXPECT_EQ(s.notes[2].pitch, 64);
  EXPECT_EQ(s.notes[2].program, 41);
  EXPECT_EQ(s.notes[2].track, 3);
}

TEST(FromMidi, ProgramChangeAfterTheNoteOnInTheSameTrackComesTooLate) {
  const Score s = score_of(smf(0, 480,
                               {{0x00, 0xC0, 0x01, 0x00, 0x90, 0x3C, 0x40, 0x00, 0xC0, 0x02, 0x10,
                                 0x80, 0x3C, 0x00, 0x00, 0x90, 0x3C, 0x40}}));
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_EQ(s.notes[0].program, 1);
  EXPECT_EQ(s.notes[1].program, 2);
}

TEST(FromMidi, Format2TracksKeepTheirOwnTempo) {
  // Track 0 at 60 BPM, track 1 without tempo (120 BPM); a note at tick 480 in each.
  const Bytes t0 = {0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x83, 0x60,
                    0x90, 0x3C, 0x40, 0x83, 0x60, 0x80, 0x3C, 0x00};
  const Bytes t1 = {0x83, 0x60, 0x90, 0x3E, 0x40, 0x83, 0x60, 0x80, 0x3E, 0x00};
  const Score s = score_of(smf(2, 480, {t0, t1}));
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_DOUBLE_EQ(s.notes[0].start_seconds, 1.0);
  EXPECT_DOUBLE_EQ(s.notes[0].duration_seconds, 1.0);
  EXPECT_DOUBLE_EQ(s.notes[1].start_seconds, 0.5);
  EXPECT_DOUBLE_EQ(s.notes[1].duration_seconds, 0.5);
  ASSERT_EQ(s.tempos.size(), 1u);
  EXPECT_DOUBLE_EQ(s.tempos[0].bpm(), 60);
  // The same bytes as format 1: track 0's tempo applies to both.
  const Score f1 = score_of(smf(1, 480, {t0, t1}));
  EXPECT_DOUBLE_EQ(f1.notes[1].start_seconds, 1.0);
}

TEST(FromMidi, SmpteDivisionSeconds) {
  // 25 fps x 40 ticks = 1000 ticks/s; a tempo event is ignored (time is absolute).
  const Bytes body = {0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x83, 0x74,
                      0x90, 0x3C, 0x40, 0x87, 0x68, 0x80, 0x3C, 0x00};  // note [500, 1500]
  const Score s = score_of(smf(0, 0xE728, {body}));
  EXPECT_EQ(s.ticks_per_quarter, 1000);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_EQ(s.notes[0].start_tick, 1000);  // ticks doubled
  EXPECT_EQ(s.notes[0].end_tick, 3000);
  EXPECT_DOUBLE_EQ(s.notes[0].start_seconds, 0.5);
  EXPECT_DOUBLE_EQ(s.notes[0].duration_seconds, 1.0);
  EXPECT_DOUBLE_EQ(s.notes[0].start_quarters, 1.0);  // seconds * 2
  EXPECT_DOUBLE_EQ(s.notes[0].duration_quarters, 2.0);
}

TEST(FromMidi, SmpteDropFrameRunsAt30000Over1001) {
  // -29 x 100 ticks: 3000 ticks are 100 frames at 29.97 fps = 1.001 s.
  const Score s = score_of(
      smf(0, 0xE364, {{0x00, 0x90, 0x3C, 0x40, 0x97, 0x38, 0x80, 0x3C, 0x00}}));  // [0, 3000]
  EXPECT_EQ(s.ticks_per_quarter, 3000);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_DOUBLE_EQ(s.notes[0].duration_quarters, 2.0);
  EXPECT_NEAR(s.notes[0].duration_seconds, 1.001, 1e-12);
}

TEST(FromMidi, SignaturesRepeatedInSeveralTracksAreKeptOnce) {
  const Bytes sig = {0x00, 0xFF, 0x58, 0x04, 0x06, 0x03, 0x18, 0x08};  // 6/8
  const Score s = score_of(smf(1, 480, {sig, sig}));
  ASSERT_EQ(s.time_signatures.size(), 1u);
  EXPECT_EQ(s.time_signatures[0].numerator, 6);
  EXPECT_EQ(s.time_signatures[0].denominator, 8);
}

TEST(FromMidi, NotesSortedByStartThenPitch) {
  const Score s = score_of(smf(1, 480,
                               {{0x0A, 0x90, 0x40, 0x40, 0x0A, 0x80, 0x40, 0x00},
                                {0x0A, 0x90, 0x3C, 0x40, 0x00, 0x90, 0x30, 0x40}}));
  ASSERT_EQ(s.notes.size(), 3u);
  EXPECT_EQ(s.notes[0].pitch, 0x30);
  EXPECT_EQ(s.notes[1].pitch, 0x3C);
  EXPECT_EQ(s.notes[2].pitch, 0x40);
}

TEST(FromMidi, ScoreSecondsAtWithoutTempos) {
  Score s;
  s.ticks_per_quarter = 100;
  EXPECT_DOUBLE_EQ(s.seconds_at(300), 1.5);
  EXPECT_DOUBLE_EQ(s.duration_seconds(), 0.0);
}

}  // namespace
}  // namespace cadenza::score
