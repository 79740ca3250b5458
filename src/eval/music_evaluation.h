#pragma once
// `cadenza evaluate --real ... --generated ...`: the music measures (music_metrics.h) of every
// piece of two sets of MIDI files, optionally their phrase copy rate from training files
// (phrase_copy.h), and per measure the two sets side by side: median, 10-90 % range and the
// overlapping area of their distributions (distribution_compare.h). Writes metrics.csv (one row
// per piece), summary.csv, summary.json and histograms.png.
#include <filesystem>
#include <string>
#include <vector>

#include "eval/distribution_compare.h"
#include "eval/music_metrics.h"

namespace cadenza::eval {

inline constexpr const char* kCopyRateMetric = "copy_rate_8gram";

struct MusicEvaluationOptions {
  std::vector<std::filesystem::path> real, generated, copy_from;  // files or folders
  int bars = 0;  // > 0: every piece of both sets cut to its first `bars` bars (first_bars)
  unsigned threads = 1;
};

struct PieceMetrics {
  std::string set;  // "real" or "generated"
  std::filesystem::path file;
  std::vector<MetricValue> values;
};

struct MetricSummary {
  std::string name;
  Spread real, generated;
  double overlapping_area = 0;  // NaN when a set has no value
  // The generated median inside the real set's 10-90 % range (issue 12's target).
  bool generated_median_in_real_range() const;
};

struct SkippedFile {
  std::string set;
  std::filesystem::path file;
  std::string error;
};

struct MusicEvaluation {
  std::vector<PieceMetrics> pieces;
  std::vector<MetricSummary> metrics;  // in music_metrics' order, the copy rate last
  std::vector<SkippedFile> skipped;    // unreadable files (copy-from files included)
  std::size_t real_files = 0, generated_files = 0, training_files = 0;
  std::size_t training_phrases = 0;
  int bars = 0;  // the cut, 0 for whole pieces
};

// Throws std::runtime_error when a set has no readable file (the message names the set and the
// inputs) or an input path does not exist; unreadable files are skipped and listed.
MusicEvaluation evaluate_music(const MusicEvaluationOptions& options);

// The fixed-width table of the summaries (one line per measure).
std::string format_music_evaluation(const MusicEvaluation& evaluation);
std::string music_evaluation_json(const MusicEvaluation& evaluation);  // summary.json
// metrics.csv, summary.csv, summary.json and histograms.png in `folder` (made if missing), each
// written atomically. Returns the paths written.
std::vector<std::filesystem::path> write_music_evaluation(const MusicEvaluation& evaluation,
                                                          const std::filesystem::path& folder);

}  // namespace cadenza::eval
