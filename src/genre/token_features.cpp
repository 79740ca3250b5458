#include "genre/token_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "tokens/miditok_config.h"
#include "tokens/miditok_tokenizer.h"

namespace cadenza::genre {
namespace {

using tokens::miditok::Token;
using tokens::miditok::TokenKind;

// Duration bins (beats), nearest on a log scale: the usual note values from 1/32 to a breve.
constexpr std::array<double, 12> kDurationBeats = {0.125, 0.25, 0.375, 0.5, 0.75, 1,
                                                   1.5,   2,    3,     4,   6,    8};
constexpr int kVelocityBins = 8;  // velocity / 16
const std::array<const char*, 17> kProgramFamilies = {
    "piano",         "chromatic", "organ",      "guitar",        "bass",       "strings",
    "ensemble",      "brass",     "reed",       "pipe",          "synth_lead", "synth_pad",
    "synth_effects", "ethnic",    "percussive", "sound_effects", "drums"};
const std::array<std::pair<int, int>, 4> kTimeSignatures = {{{4, 4}, {3, 4}, {2, 4}, {6, 8}}};

struct Note {
  long bar = 0;
  int position = 0, program = 0, pitch = 0, velocity = 0, duration = 0;
  bool drum() const { return program < 0; }
};

// Column names of one group, without the prefix.
std::vector<std::string> group_columns(const std::string& group) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) { names.push_back(group + "." + name); };
  if (group == "pitch") {
    for (int octave = 0; octave <= 8; ++octave) add("octave" + std::to_string(octave));
    add("mean");
    add("std");
    add("range");
  } else if (group == "pitch_class") {
    for (int pc = 0; pc < 12; ++pc) add("abs" + std::to_string(pc));
    for (int pc = 0; pc < 12; ++pc) add("rel" + std::to_string(pc));
    add("entropy");
  } else if (group == "interval") {
    for (int step = 0; step <= 12; ++step) add("step" + std::to_string(step));
    add("over12");
    add("mean");
  } else if (group == "chord") {
    for (int pc = 0; pc < 12; ++pc) add("above_bass" + std::to_string(pc));
  } else if (group == "position") {
    for (int sub = 0; sub < 8; ++sub) add("eighth" + std::to_string(sub));
    for (int beat = 0; beat < 6; ++beat) add("beat" + std::to_string(beat));
  } else if (group == "duration") {
    for (double beats : kDurationBeats) {
      std::string text = std::to_string(beats);
      text.erase(text.find_last_not_of('0') + 1);
      if (text.back() == '.') text.pop_back();
      add("beats" + text);
    }
  } else if (group == "velocity") {
    for (int bin = 0; bin < kVelocityBins; ++bin) add("bin" + std::to_string(bin));
    add("std");
    add("distinct");
  } else if (group == "program") {
    for (const char* family : kProgramFamilies) add(family);
    add("count");
  } else if (group == "tempo") {
    add("bpm");
    add("changes_per_bar");
  } else if (group == "timesig") {
    for (const auto& [n, d] : kTimeSignatures) add(std::to_string(n) + "_" + std::to_string(d));
    add("other");
  } else if (group == "density") {
    add("notes_per_bar");
    add("onsets_per_bar");
    add("notes_per_onset");
    add("chord_onsets");
    add("empty_bars");
  }
  return names;
}

void normalise(std::vector<double>& histogram) {
  double total = 0;
  for (double v : histogram) total += v;
  if (total > 0)
    for (double& v : histogram) v /= total;
}

void append(std::vector<double>& out, const std::vector<double>& values) {
  out.insert(out.end(), values.begin(), values.end());
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double std_of(const std::vector<double>& values) {
  if (values.empty()) return 0;
  const double mean = mean_of(values);
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return std::sqrt(sum / static_cast<double>(values.size()));
}

int nearest_duration_bin(double beats) {
  int best = 0;
  for (int i = 1; i < static_cast<int>(kDurationBeats.size()); ++i)
    if (std::abs(std::log(beats / kDurationBeats[static_cast<std::size_t>(i)])) <
        std::abs(std::log(beats / kDurationBeats[static_cast<std::size_t>(best)])))
      best = i;
  return best;
}

}  // namespace

const std::vector<std::string>& token_feature_groups() {
  static const std::vector<std::string> groups = {"pitch",    "pitch_class", "interval", "chord",
                                                  "position", "duration",    "velocity", "program",
                                                  "tempo",    "timesig",     "density"};
  return groups;
}

std::string token_column_prefix(int bars) {
  if (bars < 0) throw std::invalid_argument("bars must be >= 0 (0: the whole piece)");
  return bars == 0 ? "tokens.all." : "tokens.first" + std::to_string(bars) + ".";
}

std::vector<std::string> token_feature_columns(int bars, const std::vector<std::string>& groups) {
  const auto& known = token_feature_groups();
  for (const std::string& group : groups)
    if (std::find(known.begin(), known.end(), group) == known.end()) {
      std::string list;
      for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
      throw std::invalid_argument("unknown token feature group '" + group + "' (known: " + list +
                                  ")");
    }
  const std::string prefix = token_column_prefix(bars);
  std::vector<std::string> columns;
  for (const std::string& group : known) {
    if (!groups.empty() && std::find(groups.begin(), groups.end(), group) == groups.end()) continue;
    for (const std::string& name : group_columns(group)) columns.push_back(prefix + name);
  }
  return columns;
}

int token_columns_bars(const std::vector<std::string>& columns) {
  int bars = -1;
  for (const std::string& column : columns) {
    const std::string::size_type dot = column.find('.', 7);
    const std::string span = column.rfind("tokens.", 0) == 0 && dot != std::string::npos
                                 ? column.substr(7, dot - 7)
                                 : "";
    int these = -1;
    if (span == "all") {
      these = 0;
    } else if (span.size() > 5 && span.size() <= 9 && span.rfind("first", 0) == 0 &&
               std::all_of(span.begin() + 5, span.end(),
                           [](char c) { return c >= '0' && c <= '9'; })) {
      these = std::stoi(span.substr(5));
    }
    if (these < 0 || (these == 0 && span != "all"))
      throw std::runtime_error("column '" + column +
                               "' is not a token feature (tokens.all.* or tokens.first<N>.*)");
    if (bars >= 0 && these != bars)
      throw std::runtime_error("token feature columns of two spans ('" + column + "' and bars " +
                               std::to_string(bars) + ")");
    bars = these;
  }
  if (bars < 0) throw std::runtime_error("no token feature columns");
  return bars;
}

std::vector<double> token_features(const std::vector<Token>& remi, int bars) {
  if (bars < 0) throw std::invalid_argument("bars must be >= 0 (0: the whole piece)");
  const auto& config = tokens::miditok::default_config();
  // Walk the stream: bars and their time signatures, onsets, notes, tempos (in stream order).
  std::vector<Note> all_notes;
  std::vector<std::pair<int, int>> bar_timesig;  // per bar
  std::vector<std::pair<long, int>> tempos;      // (bar, tempo index)
  long bar = -1;
  int position = 0, program = 0, pitch = -1, velocity = 0;
  std::pair<int, int> timesig = {4, 4};
  for (const Token& t : remi) {
    switch (t.kind) {
      case TokenKind::Bar:
        ++bar;
        bar_timesig.push_back(timesig);
        position = 0;
        break;
      case TokenKind::TimeSig:
        timesig = {t.value, t.extra};
        if (!bar_timesig.empty()) bar_timesig.back() = timesig;
        break;
      case TokenKind::Position:
        position = t.value;
        break;
      case TokenKind::Tempo:
        tempos.emplace_back(std::max(bar, 0L), t.value);
        break;
      case TokenKind::Program:
        program = t.value;
        break;
      case TokenKind::Pitch:
        pitch = t.value;
        break;
      case TokenKind::Velocity:
        velocity = t.value;
        break;
      case TokenKind::Duration:
        if (pitch >= 0)
          all_notes.push_back({std::max(bar, 0L), position, program, pitch, velocity, t.value});
        pitch = -1;
        break;
      default:
        break;
    }
  }
  if (all_notes.empty()) throw std::runtime_error("no notes to judge");
  const long first_bar = all_notes.front().bar;
  const long end_bar = bars == 0 ? std::numeric_limits<long>::max() : first_bar + bars;
  std::vector<Note> notes;
  for (const Note& n : all_notes)
    if (n.bar >= first_bar && n.bar < end_bar) notes.push_back(n);
  const long span_bars = notes.back().bar - first_bar + 1;
  std::vector<Note> pitched;
  for (const Note& n : notes)
    if (!n.drum()) pitched.push_back(n);

  std::vector<double> out;
  // pitch: register (scientific octaves: MIDI 60 is C4, octave 4; 21..108 are octaves 0..8)
  {
    std::vector<double> octaves(9, 0.0), values;
    int low = 127, high = 0;
    for (const Note& n : pitched) {
      octaves[static_cast<std::size_t>(std::clamp(n.pitch / 12 - 1, 0, 8))] += 1;
      values.push_back(n.pitch / 127.0);
      low = std::min(low, n.pitch);
      high = std::max(high, n.pitch);
    }
    normalise(octaves);
    append(out, octaves);
    out.push_back(mean_of(values));
    out.push_back(std_of(values));
    out.push_back(pitched.empty() ? 0.0 : (high - low) / 88.0);
  }
  // pitch_class: absolute, relative to the most frequent, entropy (bits / log2 12)
  {
    std::vector<double> classes(12, 0.0);
    for (const Note& n : pitched) classes[static_cast<std::size_t>(n.pitch % 12)] += 1;
    normalise(classes);
    append(out, classes);
    const auto tonic = static_cast<std::size_t>(std::max_element(classes.begin(), classes.end()) -
                                                classes.begin());
    for (std::size_t pc = 0; pc < 12; ++pc) out.push_back(classes[(pc + tonic) % 12]);
    double entropy = 0;
    for (double p : classes)
      if (p > 0) entropy -= p * std::log2(p);
    out.push_back(entropy / std::log2(12.0));
  }
  // Per instrument (program), its onsets in order with their pitches: melodic steps between
  // the highest notes of consecutive onsets, chord intervals above the lowest note.
  std::map<int, std::vector<std::pair<std::pair<long, int>, std::vector<int>>>> voices;
  for (const Note& n : pitched) {
    auto& onsets = voices[n.program];
    const std::pair<long, int> at = {n.bar, n.position};
    if (onsets.empty() || onsets.back().first != at) onsets.push_back({at, {}});
    onsets.back().second.push_back(n.pitch);
  }
  {
    std::vector<double> steps(14, 0.0), sizes;
    for (const auto& [voice, onsets] : voices)
      for (std::size_t i = 1; i < onsets.size(); ++i) {
        const int a = *std::max_element(onsets[i - 1].second.begin(), onsets[i - 1].second.end());
        const int b = *std::max_element(onsets[i].second.begin(), onsets[i].second.end());
        const int step = std::abs(b - a);
        steps[static_cast<std::size_t>(std::min(step, 13))] += 1;
        sizes.push_back(step / 12.0);
      }
    normalise(steps);
    append(out, steps);
    out.push_back(mean_of(sizes));
  }
  {
    std::vector<double> above(12, 0.0);
    for (const auto& [voice, onsets] : voices)
      for (const auto& onset : onsets) {
        if (onset.second.size() < 2) continue;
        const int bass = *std::min_element(onset.second.begin(), onset.second.end());
        bool skipped_bass = false;
        for (int p : onset.second) {
          if (p == bass && !skipped_bass) {
            skipped_bass = true;
            continue;
          }
          above[static_cast<std::size_t>((p - bass) % 12)] += 1;
        }
      }
    normalise(above);
    append(out, above);
  }
  // Onsets of all instruments together.
  std::map<std::pair<long, int>, int> onset_notes;
  for (const Note& n : notes) ++onset_notes[{n.bar, n.position}];
  {
    std::vector<double> eighths(8, 0.0), beats(6, 0.0);
    for (const auto& [at, count] : onset_notes) {
      eighths[static_cast<std::size_t>(at.second % 8)] += 1;
      beats[static_cast<std::size_t>(std::clamp(at.second / 8, 0, 5))] += 1;
    }
    normalise(eighths);
    normalise(beats);
    append(out, eighths);
    append(out, beats);
  }
  {
    std::vector<double> durations(kDurationBeats.size(), 0.0);
    for (const Note& n : notes) {
      const auto& d = config.durations.at(static_cast<std::size_t>(n.duration));
      durations[static_cast<std::size_t>(
          nearest_duration_bin(d.beat + static_cast<double>(d.pos) / d.res))] += 1;
    }
    normalise(durations);
    append(out, durations);
  }
  {
    std::vector<double> bins(kVelocityBins, 0.0), values;
    std::set<int> distinct;
    for (const Note& n : notes) {
      bins[static_cast<std::size_t>(std::clamp(n.velocity / 16, 0, kVelocityBins - 1))] += 1;
      values.push_back(n.velocity / 127.0);
      distinct.insert(n.velocity);
    }
    normalise(bins);
    append(out, bins);
    out.push_back(std_of(values));
    out.push_back(static_cast<double>(distinct.size()) / config.velocities.size());
  }
  {
    std::vector<double> families(kProgramFamilies.size(), 0.0);
    std::set<int> programs;
    for (const Note& n : notes) {
      families[n.drum() ? families.size() - 1 : static_cast<std::size_t>(n.program / 8)] += 1;
      programs.insert(n.program);
    }
    normalise(families);
    append(out, families);
    out.push_back(std::min(1.0, static_cast<double>(programs.size()) / 16.0));
  }
  {
    // The tempo in force at the first note (the last Tempo token of the first note's bar or
    // before it), 40..250 BPM -> 0..1; the changes inside the span per bar.
    int index = config.quantize_tempo(120);
    long changes = 0;
    for (const auto& [at, tempo] : tempos) {
      if (at <= first_bar) index = tempo;
      if (at > first_bar && at < first_bar + span_bars) ++changes;
    }
    out.push_back((config.tempos.at(static_cast<std::size_t>(index)) - 40.0) / 210.0);
    out.push_back(static_cast<double>(changes) / static_cast<double>(span_bars));
  }
  {
    std::vector<double> signatures(kTimeSignatures.size() + 1, 0.0);
    for (long b = first_bar; b < first_bar + span_bars && b < static_cast<long>(bar_timesig.size());
         ++b) {
      const auto it = std::find(kTimeSignatures.begin(), kTimeSignatures.end(),
                                bar_timesig[static_cast<std::size_t>(b)]);
      signatures[static_cast<std::size_t>(it - kTimeSignatures.begin())] += 1;
    }
    normalise(signatures);
    append(out, signatures);
  }
  {
    std::set<long> bars_with_notes;
    int chord_onsets = 0;
    for (const auto& [at, count] : onset_notes) {
      bars_with_notes.insert(at.first);
      chord_onsets += count >= 2;
    }
    const auto span = static_cast<double>(span_bars);
    const auto onsets = static_cast<double>(onset_notes.size());
    out.push_back(std::log1p(static_cast<double>(notes.size()) / span));
    out.push_back(std::log1p(onsets / span));
    out.push_back(static_cast<double>(notes.size()) / onsets);
    out.push_back(chord_onsets / onsets);
    out.push_back(1.0 - static_cast<double>(bars_with_notes.size()) / span);
  }
  return out;
}

std::vector<double> token_features_of_file(const std::filesystem::path& midi, int bars) {
  try {
    return token_features(
        tokens::miditok::tokenize_file(midi, tokens::miditok::Scheme::Remi).tokens, bars);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    // The MIDI reader's messages name the file already.
    if (what.find(midi.string()) != std::string::npos) throw std::runtime_error(what);
    throw std::runtime_error(midi.string() + ": " + what);
  }
}

}  // namespace cadenza::genre
