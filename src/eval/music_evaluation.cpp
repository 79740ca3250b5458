#include "eval/music_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "common/atomic_file.h"
#include "common/parallel.h"
#include "eval/histogram_png.h"
#include "eval/phrase_copy.h"
#include "midi/reader.h"
#include "score/score.h"
#include "tokens/batch.h"

namespace cadenza::eval {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

score::Score read_score(const fs::path& path) { return score::from_midi(midi::read(path)); }

std::vector<fs::path> midi_files(const std::vector<fs::path>& inputs, const char* option) {
  std::vector<fs::path> files;
  for (const tokens::MidiInput& input : tokens::collect_midi_files(inputs))
    files.push_back(input.path);
  if (files.empty()) {
    std::string named;
    for (const auto& input : inputs) named += (named.empty() ? "" : " ") + input.string();
    throw std::runtime_error(std::string(option) + ": no MIDI files (.mid, .midi, .kar) in " +
                             named);
  }
  return files;
}

// Reads every file on `threads` threads; work(i, score) runs for those that read, and the
// others are listed in `skipped` under `set`. Returns which read.
template <typename Work>
std::vector<bool> read_all(const std::vector<fs::path>& files, const std::string& set,
                           unsigned threads, std::vector<SkippedFile>& skipped, Work work) {
  std::vector<std::string> errors(files.size());
  parallel_for(files.size(), threads, [&](std::size_t i) {
    try {
      work(i, read_score(files[i]));
    } catch (const std::exception& e) {
      errors[i] = e.what();
      if (errors[i].empty()) errors[i] = "unreadable";
    }
  });
  std::vector<bool> ok(files.size(), true);
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!errors[i].empty()) {
      ok[i] = false;
      skipped.push_back({set, files[i], errors[i]});
    }
  return ok;
}

std::string first_error(const std::vector<SkippedFile>& skipped) {
  return skipped.empty() ? "" : skipped.back().error;
}

double value_of(const PieceMetrics& piece, const std::string& name) {
  for (const MetricValue& v : piece.values)
    if (v.name == name) return v.value;
  return kNaN;
}

std::vector<double> values_of(const MusicEvaluation& e, const std::string& set,
                              const std::string& name) {
  std::vector<double> out;
  for (const PieceMetrics& piece : e.pieces)
    if (piece.set == set) out.push_back(value_of(piece, name));
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

nlohmann::json json_number(double v) {
  return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json json_spread(const Spread& s) {
  return {{"count", s.count},
          {"median", json_number(s.median)},
          {"p10", json_number(s.p10)},
          {"p90", json_number(s.p90)}};
}

std::string range_text(const Spread& s) {
  if (s.count == 0) return "-";
  return number(s.median) + " [" + number(s.p10) + ", " + number(s.p90) + "]";
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text + " ";
}

}  // namespace

bool MetricSummary::generated_median_in_real_range() const {
  return real.count > 0 && generated.count > 0 && generated.median >= real.p10 &&
         generated.median <= real.p90;
}

MusicEvaluation evaluate_music(const MusicEvaluationOptions& options) {
  MusicEvaluation e;
  e.bars = options.bars;
  const std::vector<fs::path> real = midi_files(options.real, "--real");
  const std::vector<fs::path> generated = midi_files(options.generated, "--generated");
  PhraseIndex index;
  const bool copying = !options.copy_from.empty();
  if (copying) {
    const std::vector<fs::path> training = midi_files(options.copy_from, "--copy-from");
    std::vector<std::vector<std::uint64_t>> hashes(training.size());
    const std::vector<bool> ok =
        read_all(training, "copy-from", options.threads, e.skipped,
                 [&](std::size_t i, const score::Score& s) { hashes[i] = phrase_hashes(s); });
    for (std::size_t i = 0; i < training.size(); ++i) {
      if (!ok[i]) continue;
      ++e.training_files;
      e.training_phrases += hashes[i].size();
      index.add_hashes(hashes[i]);
    }
    if (e.training_files == 0)
      throw std::runtime_error("--copy-from: none of the " + std::to_string(training.size()) +
                               " MIDI files could be read; " + first_error(e.skipped));
  }
  for (const auto& [set, files] :
       {std::pair{std::string("real"), &real}, std::pair{std::string("generated"), &generated}}) {
    std::vector<PieceMetrics> pieces(files->size());
    const std::vector<bool> ok =
        read_all(*files, set, options.threads, e.skipped, [&](std::size_t i, score::Score s) {
          if (options.bars > 0) s = first_bars(s, options.bars);
          pieces[i] = {set, (*files)[i], music_metrics(s)};
          if (copying) pieces[i].values.push_back({kCopyRateMetric, phrase_copy_rate(s, index)});
        });
    std::size_t read = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i)
      if (ok[i]) e.pieces.push_back(std::move(pieces[i])), ++read;
    if (read == 0)
      throw std::runtime_error("--" + set + ": none of the " + std::to_string(files->size()) +
                               " MIDI files could be read; " + first_error(e.skipped));
    (set == "real" ? e.real_files : e.generated_files) = read;
  }
  std::vector<std::string> names = music_metric_names();
  if (copying) names.push_back(kCopyRateMetric);
  for (const std::string& name : names) {
    const bool present = std::any_of(e.pieces.begin(), e.pieces.end(), [&](const PieceMetrics& p) {
      return std::any_of(p.values.begin(), p.values.end(),
                         [&](const MetricValue& v) { return v.name == name; });
    });
    if (!present) continue;
    MetricSummary m;
    m.name = name;
    const std::vector<double> r = values_of(e, "real", name), g = values_of(e, "generated", name);
    m.real = spread(r);
    m.generated = spread(g);
    m.overlapping_area = overlapping_area(r, g);
    e.metrics.push_back(m);
  }
  return e;
}

std::string format_music_evaluation(const MusicEvaluation& e) {
  std::size_t name_width = 6;
  for (const MetricSummary& m : e.metrics) name_width = std::max(name_width, m.name.size());
  // n: the pieces that have the measure (drums, an instrument family, 8 notes for a phrase).
  std::ostringstream out;
  out << padded("metric", name_width)
      << padded("real (" + std::to_string(e.real_files) + " files)", 32)
      << padded("generated (" + std::to_string(e.generated_files) + " files)", 32) << "overlap\n";
  out << padded("", name_width) << padded("median [p10, p90] n", 32)
      << padded("median [p10, p90] n", 32) << "area\n";
  for (const MetricSummary& m : e.metrics)
    out << padded(m.name, name_width)
        << padded(range_text(m.real) + " " + std::to_string(m.real.count), 32)
        << padded(range_text(m.generated) + " " + std::to_string(m.generated.count), 32)
        << number(m.overlapping_area) << "\n";
  return out.str();
}

std::string music_evaluation_json(const MusicEvaluation& e) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const MetricSummary& m : e.metrics)
    metrics.push_back({{"name", m.name},
                       {"real", json_spread(m.real)},
                       {"generated", json_spread(m.generated)},
                       {"overlapping_area", json_number(m.overlapping_area)},
                       {"generated_median_in_real_range", m.generated_median_in_real_range()}});
  nlohmann::json skipped = nlohmann::json::array();
  for (const SkippedFile& s : e.skipped)
    skipped.push_back({{"set", s.set}, {"file", s.file.string()}, {"error", s.error}});
  nlohmann::json j = {{"real_files", e.real_files},
                      {"generated_files", e.generated_files},
                      {"metric_resolution", kMetricResolution},
                      {"first_bars", e.bars},
                      {"overlapping_area",
                       "MGEval: integral of min(KDE_real, KDE_generated) "
                       "between the smallest and largest value; Gaussian "
                       "KDE, Scott's rule"},
                      {"metrics", metrics},
                      {"skipped", skipped}};
  if (e.training_files > 0) {
    j["copy_from_files"] = e.training_files;
    j["copy_from_phrases"] = e.training_phrases;
  }
  return j.dump(2) + "\n";
}

std::vector<fs::path> write_music_evaluation(const MusicEvaluation& e, const fs::path& folder) {
  fs::create_directories(folder);
  std::ostringstream metrics;
  metrics << "set,file";
  for (const MetricSummary& m : e.metrics) metrics << "," << m.name;
  metrics << "\n";
  for (const PieceMetrics& piece : e.pieces) {
    metrics << piece.set << "," << csv_field(piece.file.string());
    for (const MetricSummary& m : e.metrics) metrics << "," << csv_number(value_of(piece, m.name));
    metrics << "\n";
  }
  std::ostringstream summary;
  summary << "metric,real_count,real_median,real_p10,real_p90,generated_count,generated_median,"
             "generated_p10,generated_p90,overlapping_area,generated_median_in_real_range\n";
  for (const MetricSummary& m : e.metrics) {
    summary << m.name;
    for (const Spread& s : {m.real, m.generated})
      summary << "," << s.count << "," << csv_number(s.median) << "," << csv_number(s.p10) << ","
              << csv_number(s.p90);
    summary << "," << csv_number(m.overlapping_area) << ","
            << (m.generated_median_in_real_range() ? "true" : "false") << "\n";
  }
  HistogramSheet sheet;
  sheet.title = "real (" + std::to_string(e.real_files) + " files) vs generated (" +
                std::to_string(e.generated_files) + " files)" +
                (e.bars > 0 ? ", first " + std::to_string(e.bars) + " bars" : "");
  for (const MetricSummary& m : e.metrics)
    sheet.panels.push_back({m.name, values_of(e, "real", m.name), values_of(e, "generated", m.name),
                            std::isnan(m.overlapping_area) ? -1 : m.overlapping_area});
  const std::vector<fs::path> paths = {folder / "metrics.csv", folder / "summary.csv",
                                       folder / "summary.json", folder / "histograms.png"};
  write_file_atomically(paths[0], metrics.str());
  write_file_atomically(paths[1], summary.str());
  write_file_atomically(paths[2], music_evaluation_json(e));
  write_histograms_png(sheet, paths[3]);
  return paths;
}

}  // namespace cadenza::eval
