#include "eval/music_metrics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace cadenza::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Interval = std::pair<std::int64_t, std::int64_t>;  // [first, second)

// Total length of the union of half-open intervals.
std::int64_t union_length(std::vector<Interval> intervals) {
  std::sort(intervals.begin(), intervals.end());
  std::int64_t total = 0, covered_to = std::numeric_limits<std::int64_t>::min();
  for (const auto& [begin, end] : intervals) {
    const std::int64_t from = std::max(begin, covered_to);
    if (end > from) total += end - from;
    covered_to = std::max(covered_to, end);
  }
  return total;
}

constexpr std::array<bool, 12> kCMajor = {1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1};
constexpr std::array<bool, 12> kCMinor = {1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0};

constexpr const char* kFamilies[] = {"piano",         "chromatic-percussion",
                                     "organ",         "guitar",
                                     "bass",          "strings",
                                     "ensemble",      "brass",
                                     "reed",          "pipe",
                                     "synth-lead",    "synth-pad",
                                     "synth-effects", "ethnic",
                                     "percussive",    "sound-effects"};

}  // namespace

std::int64_t GridMusic::length() const {
  std::int64_t end = 0;
  for (const GridNote& note : notes) end = std::max(end, note.end);
  return end;
}

GridMusic to_grid(const score::Score& score, int resolution) {
  GridMusic music;
  music.resolution = resolution;
  // As muspy's adjust_resolution: time and duration each multiplied by the same double factor
  // and rounded half to even (nearbyint in the default rounding mode).
  const double factor = static_cast<double>(resolution) / std::max(score.ticks_per_quarter, 1);
  for (const score::Note& note : score.notes) {
    GridNote g;
    g.pitch = note.pitch;
    g.drum = note.is_drum();
    g.program = note.program;
    g.time =
        static_cast<std::int64_t>(std::nearbyint(static_cast<double>(note.start_tick) * factor));
    const auto duration = static_cast<std::int64_t>(
        std::nearbyint(static_cast<double>(note.end_tick - note.start_tick) * factor));
    g.end = g.time + duration;
    music.notes.push_back(g);
  }
  int numerator = 4, denominator = 4;
  if (!score.time_signatures.empty()) {
    numerator = score.time_signatures.front().numerator;
    denominator = std::max(score.time_signatures.front().denominator, 1);
  }
  music.bar_steps = std::max<std::int64_t>(
      1, std::llround(4.0 * resolution * numerator / static_cast<double>(denominator)));
  return music;
}

double pitch_range(const GridMusic& music) {
  int lowest = 128, highest = -1;
  for (const GridNote& note : music.notes) {
    if (note.drum) continue;
    lowest = std::min(lowest, note.pitch);
    highest = std::max(highest, note.pitch);
  }
  return highest < 0 ? kNaN : highest - lowest;
}

int n_pitch_classes_used(const GridMusic& music) {
  std::array<bool, 12> used{};
  for (const GridNote& note : music.notes)
    if (!note.drum) used[static_cast<std::size_t>(note.pitch % 12)] = true;
  return static_cast<int>(std::count(used.begin(), used.end(), true));
}

double pitch_class_entropy(const GridMusic& music) {
  std::array<double, 12> counts{};
  double total = 0;
  for (const GridNote& note : music.notes) {
    if (note.drum) continue;
    counts[static_cast<std::size_t>(note.pitch % 12)] += 1;
    total += 1;
  }
  if (total < 1) return kNaN;
  double entropy = 0;
  for (double count : counts)
    if (count > 0) entropy -= count / total * std::log2(count / total);
  return entropy;
}

double pitch_in_scale_rate(const GridMusic& music, int root, bool major) {
  const auto& c_scale = major ? kCMajor : kCMinor;
  std::size_t notes = 0, in_scale = 0;
  for (const GridNote& note : music.notes) {
    if (note.drum) continue;
    ++notes;
    // np.roll(c_scale, root): the scale of `root` holds pitch class p when C's holds p - root.
    if (c_scale[static_cast<std::size_t>(((note.pitch - root) % 12 + 12) % 12)]) ++in_scale;
  }
  return notes == 0 ? kNaN : static_cast<double>(in_scale) / static_cast<double>(notes);
}

double scale_consistency(const GridMusic& music) {
  double best = 0;
  for (bool major : {true, false})
    for (int root = 0; root < 12; ++root) {
      const double rate = pitch_in_scale_rate(music, root, major);
      if (std::isnan(rate)) return kNaN;
      best = std::max(best, rate);
    }
  return best;
}

double groove_consistency(const GridMusic& music) {
  const std::int64_t bar = music.bar_steps;
  const std::int64_t measures = music.length() / bar + 1;
  if (measures < 2) return kNaN;
  std::set<std::pair<std::int64_t, std::int64_t>> onsets;  // (measure, position)
  for (const GridNote& note : music.notes) onsets.insert({note.time / bar, note.time % bar});
  // Each onset differs from the same position of the bar before and after when that one has
  // no onset: the sum of the Hamming distances of all neighbouring bars.
  std::int64_t hamming = 0;
  for (const auto& [measure, position] : onsets) {
    if (measure > 0 && !onsets.count({measure - 1, position})) ++hamming;
    if (measure + 1 < measures && !onsets.count({measure + 1, position})) ++hamming;
  }
  return 1.0 - static_cast<double>(hamming) / static_cast<double>(bar * (measures - 1));
}

double polyphony(const GridMusic& music) {
  // The piano roll's cells (step, pitch) set by some note, over the steps with any set: one
  // union of intervals per pitch for the cells, one over all pitches for the steps.
  std::array<std::vector<Interval>, 128> by_pitch;
  std::vector<Interval> all;
  for (const GridNote& note : music.notes) {
    if (note.drum || note.end <= note.time || note.pitch < 0 || note.pitch > 127) continue;
    by_pitch[static_cast<std::size_t>(note.pitch)].push_back({note.time, note.end});
    all.push_back({note.time, note.end});
  }
  const std::int64_t steps = union_length(all);
  if (steps < 1) return kNaN;
  std::int64_t cells = 0;
  for (auto& intervals : by_pitch) cells += union_length(std::move(intervals));
  return static_cast<double>(cells) / static_cast<double>(steps);
}

double empty_beat_rate(const GridMusic& music) {
  const std::int64_t length = music.length();
  if (length < 1) return kNaN;
  const std::int64_t res = music.resolution;
  const std::int64_t beats = length / res + 1;
  std::vector<Interval> touched;
  for (const GridNote& note : music.notes)
    touched.push_back({note.time / res, std::min(note.end / res, beats - 1) + 1});
  return 1.0 - static_cast<double>(union_length(touched)) / static_cast<double>(beats);
}

double drum_in_pattern_rate(const GridMusic& music, bool duple) {
  const int res = music.resolution;
  std::vector<bool> pattern(static_cast<std::size_t>(res), false);
  pattern[0] = true;
  auto every = [&](int step) {
    for (int i = 0; i < res; i += step) pattern[static_cast<std::size_t>(i)] = true;
  };
  if (duple) {
    if (res % 4 == 0) every(res / 4);
    if (res % 2 == 0) every(res / 2);
  } else if (res % 3 == 0) {
    every(res / 3);
  }
  std::size_t notes = 0, in_pattern = 0;
  for (const GridNote& note : music.notes) {
    if (!note.drum) continue;
    ++notes;
    if (pattern[static_cast<std::size_t>(note.time % res)]) ++in_pattern;
  }
  return notes == 0 ? kNaN : static_cast<double>(in_pattern) / static_cast<double>(notes);
}

double drum_pattern_consistency(const GridMusic& music) {
  const double duple = drum_in_pattern_rate(music, true);
  if (std::isnan(duple)) return kNaN;
  return std::max(duple, drum_in_pattern_rate(music, false));
}

const char* instrument_family(const score::Note& note) {
  if (note.is_drum()) return "drums";
  return kFamilies[std::clamp(note.program, 0, 127) / 8];
}

namespace {

// The time signatures sorted, with 4/4 at tick 0 when the score has none there.
std::vector<score::TimeSignature> signature_map(const score::Score& score) {
  std::vector<score::TimeSignature> signatures = score.time_signatures;
  std::stable_sort(signatures.begin(), signatures.end(),
                   [](const auto& a, const auto& b) { return a.tick < b.tick; });
  if (signatures.empty() || signatures.front().tick > 0)
    signatures.insert(signatures.begin(), score::TimeSignature{});
  return signatures;
}

double bar_ticks(const score::Score& score, const score::TimeSignature& signature) {
  return 4.0 * std::max(score.ticks_per_quarter, 1) * std::max(signature.numerator, 1) /
         std::max(signature.denominator, 1);
}

}  // namespace

double bar_count(const score::Score& score) {
  std::int64_t end = 0;
  for (const score::Note& note : score.notes) end = std::max(end, note.end_tick);
  if (end <= 0) return 0;
  const std::vector<score::TimeSignature> signatures = signature_map(score);
  double bars = 0;
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    const std::int64_t from = signatures[i].tick;
    const std::int64_t to = i + 1 < signatures.size() ? std::min(signatures[i + 1].tick, end) : end;
    if (to <= from) continue;
    bars += std::ceil(static_cast<double>(to - from) / bar_ticks(score, signatures[i]));
  }
  return bars;
}

score::Score first_bars(const score::Score& score, int bars) {
  // The tick where bar `bars` ends: whole bars of each signature, a change starting a new bar.
  const std::vector<score::TimeSignature> signatures = signature_map(score);
  double end = 0, left = std::max(bars, 0);
  for (std::size_t i = 0; i < signatures.size() && left > 0; ++i) {
    const double length = bar_ticks(score, signatures[i]);
    const double from = static_cast<double>(signatures[i].tick);
    const bool last = i + 1 == signatures.size();
    const double next = last ? 0 : static_cast<double>(signatures[i + 1].tick);
    const double in_segment = last ? left : std::ceil((next - from) / length);
    const double taken = std::min(left, in_segment);
    end = !last && taken == in_segment ? next : from + taken * length;
    left -= taken;
  }
  const auto end_tick = static_cast<std::int64_t>(std::llround(end));
  score::Score out = score;
  out.notes.clear();
  const double quarter = std::max(score.ticks_per_quarter, 1);
  for (score::Note note : score.notes) {
    if (note.start_tick >= end_tick) continue;
    if (note.end_tick > end_tick) {
      note.end_tick = end_tick;
      note.duration_quarters = static_cast<double>(end_tick - note.start_tick) / quarter;
      note.duration_seconds = score.seconds_at(end_tick) - note.start_seconds;
    }
    out.notes.push_back(note);
  }
  return out;
}

std::vector<MetricValue> music_metrics(const score::Score& score) {
  const GridMusic music = to_grid(score);
  std::vector<MetricValue> values = {
      {"pitch_range", pitch_range(music)},
      {"n_pitch_classes_used", static_cast<double>(n_pitch_classes_used(music))},
      {"pitch_class_entropy", pitch_class_entropy(music)},
      {"scale_consistency", scale_consistency(music)},
      {"groove_consistency", groove_consistency(music)},
      {"polyphony", polyphony(music)},
      {"empty_beat_rate", empty_beat_rate(music)},
      {"drum_pattern_consistency", drum_pattern_consistency(music)},
  };
  const double bars = bar_count(score);
  std::array<std::size_t, 17> counts{};  // 16 GM families, then drums
  for (const score::Note& note : score.notes)
    ++counts[note.is_drum() ? 16 : static_cast<std::size_t>(std::clamp(note.program, 0, 127) / 8)];
  for (std::size_t family = 0; family < counts.size(); ++family) {
    if (counts[family] == 0 || bars <= 0) continue;
    values.push_back({std::string("notes_per_bar_") + (family < 16 ? kFamilies[family] : "drums"),
                      static_cast<double>(counts[family]) / bars});
  }
  return values;
}

std::vector<std::string> music_metric_names() {
  std::vector<std::string> names = {"pitch_range",         "n_pitch_classes_used",
                                    "pitch_class_entropy", "scale_consistency",
                                    "groove_consistency",  "polyphony",
                                    "empty_beat_rate",     "drum_pattern_consistency"};
  for (const char* family : kFamilies) names.push_back(std::string("notes_per_bar_") + family);
  names.push_back("notes_per_bar_drums");
  return names;
}

}  // namespace cadenza::eval
