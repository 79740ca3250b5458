#pragma once
// Objective measures of one piece of music, as MusPy defines them (muspy.metrics, v0.5), so that
// figures compare with the papers that report them (MuseGAN, Jazz Transformer, Multitrack Music
// Transformer), plus notes per bar per instrument family. No torch.
//
// MusPy counts time in steps of 1/resolution quarter note. A MIDI file read by MusPy keeps the
// file's ticks, which makes the rhythm measures depend on the file's resolution; like the
// Multitrack Music Transformer's evaluation, cadenza first brings every piece to a grid of
// kMetricResolution = 12 steps per quarter (muspy's Music.adjust_resolution(12): onset and
// duration each rounded, half to even, as Python's round does), which holds sixteenths and
// eighth-note triplets exactly.
#include <cstdint>
#include <string>
#include <vector>

#include "score/score.h"

namespace cadenza::eval {

inline constexpr int kMetricResolution = 12;

struct GridNote {
  int pitch = 60;
  std::int64_t time = 0, end = 0;  // in grid steps; end = time + rounded duration
  bool drum = false;
  int program = 0;
};

// The notes of a score on a grid of `resolution` steps per quarter, and its bar length in steps
// (from its first time signature, 4/4 without one).
struct GridMusic {
  int resolution = kMetricResolution;
  std::int64_t bar_steps = 4 * kMetricResolution;
  std::vector<GridNote> notes;
  std::int64_t length() const;  // the latest note end (0 without notes)
};

GridMusic to_grid(const score::Score& score, int resolution = kMetricResolution);

// Each function names the MusPy function it reproduces. NaN where MusPy returns NaN.
// muspy.pitch_range: highest - lowest pitch, drums ignored. MusPy returns 0 for a piece without
// notes and -127 for one with drum notes only; both are NaN here (no pitched note).
double pitch_range(const GridMusic& music);
// muspy.n_pitch_classes_used: distinct pitch classes, drums ignored (0 without notes).
int n_pitch_classes_used(const GridMusic& music);
// muspy.pitch_class_entropy: Shannon entropy in bits of the pitch-class histogram, drums
// ignored.
double pitch_class_entropy(const GridMusic& music);
// muspy.pitch_in_scale_rate / muspy.scale_consistency: share of pitched notes in the best of
// the 24 major and natural minor scales.
double pitch_in_scale_rate(const GridMusic& music, int root, bool major);
double scale_consistency(const GridMusic& music);
// muspy.groove_consistency(music, measure_resolution = bar_steps): 1 - mean Hamming distance
// between the onset patterns (every track, drums included) of neighbouring bars, over
// length // bar_steps + 1 bars. Assumes a constant time signature, as MusPy does.
double groove_consistency(const GridMusic& music);
// muspy.polyphony: mean number of distinct pitches sounding over the steps where at least one
// sounds, drums ignored.
double polyphony(const GridMusic& music);
// muspy.empty_beat_rate: share of the length // resolution + 1 quarter-note beats that no note
// (drums included) touches; a note covers beats time // res to end // res, both included.
double empty_beat_rate(const GridMusic& music);
// muspy.drum_in_pattern_rate / muspy.drum_pattern_consistency: share of drum notes whose onset
// falls on the duple (0, 1/4, 1/2, 3/4 of a beat) or triple (0, 1/3, 2/3) grid of a beat, the
// larger of the two.
double drum_in_pattern_rate(const GridMusic& music, bool duple);
double drum_pattern_consistency(const GridMusic& music);

// General MIDI instrument families (program / 8: "piano", "chromatic-percussion", ... "sound-
// effects") and "drums" for channel 10.
const char* instrument_family(const score::Note& note);
// Bars of the score from tick 0 to the end of its last note, through its time-signature
// changes (a change starts a new bar); 0 without notes.
double bar_count(const score::Score& score);

// The score's first `bars` bars (as bar_count counts them): notes that start after are left
// out, notes that sound past the end are cut there. To compare pieces of one length (16
// generated bars against whole real pieces would compare lengths, not music).
score::Score first_bars(const score::Score& score, int bars);

struct MetricValue {
  std::string name;
  double value = 0;
};

// Every measure of one piece, in a fixed order: pitch_range, n_pitch_classes_used,
// pitch_class_entropy, scale_consistency, groove_consistency, polyphony, empty_beat_rate,
// drum_pattern_consistency, then notes_per_bar_<family> for each family the piece has (GM
// order, drums last): its notes / bar_count.
std::vector<MetricValue> music_metrics(const score::Score& score);
// Every name music_metrics can give, in its order.
std::vector<std::string> music_metric_names();

}  // namespace cadenza::eval
