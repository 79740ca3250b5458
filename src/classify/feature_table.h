#pragma once
// GTZAN feature CSVs (the Kaggle layout: filename, length, 57 features, label) read with
// every check a model needs: exact columns, finite numbers, known labels, one segment length.
#include <filesystem>
#include <string>
#include <vector>

#include "classify/types.h"

namespace cadenza::classify {

// Feature columns named "tokens.<...>" describe a piece's REMI tokens (genre/token_features.h),
// not audio: a table of them has no segment length (segment_seconds 0, `length` is free).
inline constexpr char kTokenColumnPrefix[] = "tokens.";
bool is_token_column(const std::string& name);
bool are_token_columns(const std::vector<std::string>& names);  // non-empty, all token columns

struct FeatureTable {
  std::string source;                // the CSV path, for messages
  std::vector<std::string> columns;  // feature column names, in CSV order
  std::vector<std::string> filenames;
  std::vector<double> lengths;      // samples per row
  std::vector<std::string> labels;  // empty when the CSV has no label column
  std::vector<int> lines;           // CSV line of each row (1-based), for messages
  Matrix x;                         // rows x columns
  int segment_seconds = 0;          // 30 or 3 (from the length column); 0: token columns
};

struct ReadOptions {
  bool require_labels = true;
  // Labels must be GTZAN genres unless this is set (e.g. another data set in the same layout).
  bool any_labels = false;
  // When set, the feature columns must be exactly these (in any order; rows are reordered to
  // this order): how a saved model reads new features. Empty: gtzan::feature_columns(), or
  // the CSV's own columns when they are all token columns.
  std::vector<std::string> expected_columns;
};

// Throws std::runtime_error "<file>:<line>: <what is wrong>" on the first problem.
FeatureTable read_feature_csv(const std::filesystem::path& path, const ReadOptions& options = {});

// 30 s clips (gtzan::kClipSamples) or 3 s windows (gtzan::kThreeSecondSamples) at 22,050 Hz:
// the segment length in whole seconds, or 0 for a length that is neither.
int segment_seconds_of_length(double samples);

// "classical.00005.3.wav" -> "classical.00005"; "blues.00001.au" -> "blues.00001".
std::string song_of(const std::string& filename);

}  // namespace cadenza::classify
