#include "eval/music_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace cadenza::eval {
namespace {

constexpr int kTicks = 480;

struct Spec {
  int pitch;
  double start, duration;  // quarters
  int channel = 0, program = 0, track = 0;
};

score::Score make_score(const std::vector<Spec>& specs) {
  score::Score s;
  s.ticks_per_quarter = kTicks;
  for (const Spec& spec : specs) {
    score::Note n;
    n.pitch = spec.pitch;
    n.channel = spec.channel;
    n.program = spec.program;
    n.track = spec.track;
    n.start_tick = static_cast<std::int64_t>(std::llround(spec.start * kTicks));
    n.end_tick = static_cast<std::int64_t>(std::llround((spec.start + spec.duration) * kTicks));
    n.start_quarters = spec.start;
    n.duration_quarters = spec.duration;
    s.notes.push_back(n);
  }
  return s;
}

// C D E F G A B as quarter notes from beat 0.
score::Score c_major_scale() {
  std::vector<Spec> specs;
  const int pitches[] = {60, 62, 64, 65, 67, 69, 71};
  for (int i = 0; i < 7; ++i) specs.push_back({pitches[i], static_cast<double>(i), 1.0});
  return make_score(specs);
}

TEST(MusicMetrics, CMajorScale) {
  const GridMusic music = to_grid(c_major_scale());
  EXPECT_EQ(music.length(), 7 * 12);
  EXPECT_EQ(pitch_range(music), 11);
  EXPECT_EQ(n_pitch_classes_used(music), 7);
  EXPECT_NEAR(pitch_class_entropy(music), std::log2(7.0), 1e-12);
  EXPECT_DOUBLE_EQ(scale_consistency(music), 1.0);
  EXPECT_DOUBLE_EQ(pitch_in_scale_rate(music, 9, false), 1.0);     // A minor: the same notes
  EXPECT_DOUBLE_EQ(pitch_in_scale_rate(music, 7, true), 6.0 / 7);  // G major has F#, not F
  EXPECT_DOUBLE_EQ(polyphony(music), 1.0);
  // 84 steps: beats 0..7; each quarter note also touches the beat its end falls on (MusPy).
  EXPECT_DOUBLE_EQ(empty_beat_rate(music), 0.0);
  // Bars 0 (onsets 0, 12, 24, 36) and 1 (48, 60, 72: no onset at position 36): distance 1 of 48.
  EXPECT_DOUBLE_EQ(groove_consistency(music), 1.0 - 1.0 / 48);
  EXPECT_TRUE(std::isnan(drum_pattern_consistency(music)));  // no drums
}

TEST(MusicMetrics, CMinorWithOneForeignNote) {
  // C D Eb F G Ab Bb and an F#: 7 of 8 notes in C minor (or Eb major), no scale holds all.
  const GridMusic music = to_grid(make_score({{60, 0, 1},
                                              {62, 1, 1},
                                              {63, 2, 1},
                                              {65, 3, 1},
                                              {67, 4, 1},
                                              {68, 5, 1},
                                              {70, 6, 1},
                                              {66, 7, 1}}));
  EXPECT_DOUBLE_EQ(scale_consistency(music), 7.0 / 8);
  EXPECT_DOUBLE_EQ(pitch_in_scale_rate(music, 0, false), 7.0 / 8);
  EXPECT_EQ(n_pitch_classes_used(music), 8);
  EXPECT_NEAR(pitch_class_entropy(music), 3.0, 1e-12);  // 8 classes once each
}

TEST(MusicMetrics, DrumsLeaveThePitchMeasuresAlone) {
  score::Score s = c_major_scale();
  const score::Score drums = make_score({{36, 0, 0.5, 9}, {38, 7.5, 0.5, 9}});
  s.notes.insert(s.notes.end(), drums.notes.begin(), drums.notes.end());
  const GridMusic music = to_grid(s);
  EXPECT_EQ(pitch_range(music), 11);
  EXPECT_EQ(n_pitch_classes_used(music), 7);
  EXPECT_NEAR(pitch_class_entropy(music), std::log2(7.0), 1e-12);
  EXPECT_DOUBLE_EQ(scale_consistency(music), 1.0);
  EXPECT_DOUBLE_EQ(polyphony(music), 1.0);
  // The drum at 7.5 quarters makes the piece 8 quarters long and adds onset 42 of bar 1:
  // bars 0 {0,12,24,36} and 1 {0,12,24,42} differ in 2 places, bar 2 (empty) from bar 1 in 4.
  EXPECT_EQ(music.length(), 96);
  EXPECT_DOUBLE_EQ(groove_consistency(music), 1.0 - 6.0 / 96);
}

TEST(MusicMetrics, TwoBarsOfQuarterNotes) {
  std::vector<Spec> specs;
  for (int i = 0; i < 8; ++i) specs.push_back({60, static_cast<double>(i), 1.0});
  const GridMusic music = to_grid(make_score(specs));
  // 96 steps -> 96 // 48 + 1 = 3 bars (MusPy counts one past the end): bars 0 and 1 agree,
  // bar 2 has none of their 4 onsets.
  EXPECT_DOUBLE_EQ(groove_consistency(music), 1.0 - 4.0 / (48 * 2));
  EXPECT_EQ(pitch_range(music), 0);
  EXPECT_EQ(n_pitch_classes_used(music), 1);
  EXPECT_DOUBLE_EQ(pitch_class_entropy(music), 0.0);
}

TEST(MusicMetrics, EmptyBeats) {
  // Eighth notes on beats 0 and 3: 42 steps, 42 // 12 + 1 = 4 beats, beats 1 and 2 empty.
  const GridMusic music = to_grid(make_score({{60, 0, 0.5}, {62, 3, 0.5}}));
  EXPECT_DOUBLE_EQ(empty_beat_rate(music), 0.5);
}

TEST(MusicMetrics, PolyphonyOfTwoOverlappingNotes) {
  // C4 over steps [0, 24), E4 over [12, 36): 48 pitch-steps over 36 sounding steps.
  EXPECT_DOUBLE_EQ(polyphony(to_grid(make_score({{60, 0, 2}, {64, 1, 2}}))), 48.0 / 36);
  // The same pitch in two tracks is one pitch: the piano roll merges them.
  EXPECT_DOUBLE_EQ(polyphony(to_grid(make_score({{60, 0, 2, 0, 0, 0}, {60, 1, 2, 1, 0, 1}}))), 1.0);
  // A chord of three held over a rest: 3 pitches on every sounding step.
  EXPECT_DOUBLE_EQ(polyphony(to_grid(make_score({{60, 0, 1}, {64, 0, 1}, {67, 0, 1}, {72, 4, 0}}))),
                   3.0);
}

TEST(MusicMetrics, DrumPatternConsistency) {
  // Drum onsets at 0, 1/4, 1/2 and 1/3 of a beat: steps 0, 3, 6, 4 of 12.
  const GridMusic music = to_grid(
      make_score({{36, 0, 0.1, 9}, {42, 0.25, 0.1, 9}, {38, 0.5, 0.1, 9}, {42, 1.0 / 3, 0.1, 9}}));
  EXPECT_DOUBLE_EQ(drum_in_pattern_rate(music, true), 3.0 / 4);   // 0, 3, 6 on {0, 3, 6, 9}
  EXPECT_DOUBLE_EQ(drum_in_pattern_rate(music, false), 2.0 / 4);  // 0, 4 on {0, 4, 8}
  EXPECT_DOUBLE_EQ(drum_pattern_consistency(music), 3.0 / 4);
  EXPECT_TRUE(std::isnan(pitch_range(music)));  // drums only: no pitched note
  EXPECT_TRUE(std::isnan(scale_consistency(music)));
}

TEST(MusicMetrics, GridRoundsHalfToEvenLikePython) {
  // 480 ticks per quarter -> 12 steps: tick 20 is step 0.5 -> 0, tick 60 is 1.5 -> 2
  // (Python: round(20 * (12 / 480)) == 0, round(60 * (12 / 480)) == 2).
  score::Score s;
  s.ticks_per_quarter = 480;
  score::Note a, b;
  a.start_tick = 20, a.end_tick = 60;  // duration 40 -> 1.0 -> 1
  b.start_tick = 60, b.end_tick = 80;  // duration 20 -> 0.5 -> 0
  s.notes = {a, b};
  const GridMusic music = to_grid(s);
  EXPECT_EQ(music.notes[0].time, 0);
  EXPECT_EQ(music.notes[0].end, 1);
  EXPECT_EQ(music.notes[1].time, 2);
  EXPECT_EQ(music.notes[1].end, 2);
}

TEST(MusicMetrics, BarsFollowTheTimeSignatures) {
  score::Score s = make_score({{60, 0, 6}});  // six quarters
  s.time_signatures = {{0, 3, 4}};
  EXPECT_EQ(bar_count(s), 2);
  s.time_signatures = {{0, 4, 4}};
  EXPECT_EQ(bar_count(s), 2);  // one bar and a half: the second is counted
  // 4/4 for one bar, then 3/4: 4 + 3 + 3 quarters make three bars.
  s = make_score({{60, 0, 10}});
  s.time_signatures = {{0, 4, 4}, {4 * kTicks, 3, 4}};
  EXPECT_EQ(bar_count(s), 3);
  EXPECT_EQ(bar_count(score::Score{}), 0);
  // 6/8 bars last three quarters.
  s.time_signatures = {{0, 6, 8}};
  EXPECT_EQ(bar_count(s), 4);  // 10 quarters: 3 + 3 + 3 + 1
}

TEST(MusicMetrics, NotesPerBarPerInstrumentFamily) {
  std::vector<Spec> specs;
  for (int i = 0; i < 8; ++i)
    specs.push_back({60 + i, static_cast<double>(i), 1.0, 0, 0, 0});          // piano
  for (int i = 0; i < 4; ++i) specs.push_back({36, 2.0 * i, 2.0, 1, 33, 1});  // finger bass
  specs.push_back({36, 0, 0.5, 9, 0, 2});                                     // drums
  specs.push_back({38, 4, 0.5, 9, 0, 2});
  specs.push_back({66, 0, 1.0, 2, 66, 3});  // tenor sax: reed
  const std::vector<MetricValue> values = music_metrics(make_score(specs));
  std::vector<std::string> names;
  for (const auto& v : values) names.push_back(v.name);
  const std::vector<std::string> expected = {
      "pitch_range",        "n_pitch_classes_used",     "pitch_class_entropy",
      "scale_consistency",  "groove_consistency",       "polyphony",
      "empty_beat_rate",    "drum_pattern_consistency", "notes_per_bar_piano",
      "notes_per_bar_bass", "notes_per_bar_reed",       "notes_per_bar_drums"};
  ASSERT_EQ(names, expected);
  EXPECT_DOUBLE_EQ(values[8].value, 4.0);  // 8 piano notes over 2 bars
  EXPECT_DOUBLE_EQ(values[9].value, 2.0);
  EXPECT_DOUBLE_EQ(values[10].value, 0.5);
  EXPECT_DOUBLE_EQ(values[11].value, 1.0);
  EXPECT_DOUBLE_EQ(values[7].value, 1.0);  // both drum notes on a beat
}

TEST(MusicMetrics, AnEmptyScoreHasNoMeasures) {
  const std::vector<MetricValue> values = music_metrics(score::Score{});
  ASSERT_EQ(values.size(), 8u);  // no instrument family
  for (const auto& v : values) {
    if (v.name == "n_pitch_classes_used")
      EXPECT_EQ(v.value, 0);
    else
      EXPECT_TRUE(std::isnan(v.value)) << v.name;
  }
}

}  // namespace
}  // namespace cadenza::eval

namespace cadenza::eval {
namespace {

TEST(MusicMetrics, FirstBars) {
  std::vector<Spec> specs;
  for (int i = 0; i < 12; ++i) specs.push_back({60 + i, static_cast<double>(i), 1.0});
  specs.push_back({48, 6, 4});  // from beat 3 of bar 2 into bar 3
  const score::Score two = first_bars(make_score(specs), 2);
  ASSERT_EQ(two.notes.size(), 9u);  // 8 quarter notes and the long one, cut at 8 quarters
  EXPECT_EQ(two.notes.back().pitch, 48);
  EXPECT_EQ(two.notes.back().end_tick, 8 * kTicks);
  EXPECT_DOUBLE_EQ(two.notes.back().duration_quarters, 2.0);
  EXPECT_EQ(bar_count(two), 2);
  // 3/4 then 4/4 from tick 3 * 480: bar 2 ends at 7 quarters.
  score::Score mixed = make_score(specs);
  mixed.time_signatures = {{0, 3, 4}, {3 * kTicks, 4, 4}};
  const score::Score cut = first_bars(mixed, 2);
  EXPECT_EQ(cut.notes.size(), 7u + 1);
  EXPECT_EQ(cut.notes.back().end_tick, 7 * kTicks);
  EXPECT_TRUE(first_bars(mixed, 0).notes.empty());
}

}  // namespace
}  // namespace cadenza::eval
