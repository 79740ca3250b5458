#pragma once
// The paper's experiment (PAPER.md section 4, Table 2) done properly: generated pieces and real
// pieces of the genre the generator learned, rendered the same way (FluidSynth, same
// soundfont, same length), classified by the same model; per piece the probability of the
// genre and the top genre, per group the mean (and spread) of that probability side by side.
// A generated piece "keeps its genre" only relative to what real music of that genre, rendered
// the same way, scores.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "genre/audio_prediction.h"
#include "genre/window_classifier.h"

namespace cadenza::genre {

struct GenreCheckOptions {
  std::string genre = "jazz";  // the genre whose probability is compared
  PieceOptions piece;          // seconds (default 30 in the command), synth, threads
};

struct GenreCheckRow {
  std::string group;  // "real" or "generated"
  fs::path file;
  std::string name;  // the file's stem
  std::size_t windows = 0;
  double seconds = 0;      // audio used
  double probability = 0;  // of options.genre
  std::string top;         // most probable genre
  double top_probability = 0;
  classify::Vector probabilities;  // per label
};

struct GroupSummary {
  std::string name;
  std::size_t pieces = 0, failed = 0;
  double mean = 0, std = 0, sem = 0;  // of the genre's probability; std with n - 1
  double min = 0, max = 0;
  std::size_t top_is_genre = 0;             // pieces whose top genre is options.genre
  std::map<std::string, std::size_t> tops;  // top genre -> pieces
  classify::Vector mean_probabilities;      // per label, over the group's pieces
};

struct GenreCheckResult {
  std::string classifier;  // WindowClassifier::describe()
  std::vector<std::string> labels;
  std::string genre;
  double seconds = 0;               // options.piece.seconds
  std::vector<GenreCheckRow> rows;  // real first, then generated, each in input order
  GroupSummary real, generated;
  std::vector<std::string> errors;  // one line per piece that could not be used
};

// Throws std::invalid_argument when `real` is empty or the genre is not one of the model's
// labels, and std::runtime_error when no piece of a group could be classified. Pieces that fail
// are listed in `errors` and left out of the figures. on_done runs after each piece.
GenreCheckResult genre_check(const WindowClassifier& classifier, const std::vector<fs::path>& real,
                             const std::vector<fs::path>& generated,
                             const GenreCheckOptions& options,
                             const std::function<void(const PiecePrediction&)>& on_done = {});

// The summary statistics of one group's rows (used by genre_check; exposed for tests).
GroupSummary summarize(const std::string& name, const std::vector<GenreCheckRow>& rows,
                       const std::vector<std::string>& labels, const std::string& genre);

// The table printed by `cadenza genre-check`.
std::string format_genre_check(const GenreCheckResult& result);

// genre_check.csv: one line per piece (group, name, file, windows, seconds, p(genre), top
// genre, its probability, then every label's probability).
void write_genre_check_csv(const GenreCheckResult& result, const fs::path& path);
void write_genre_check_json(const GenreCheckResult& result, const fs::path& path);
// genre_check.png: a bar per piece (the genre's probability, coloured by group, each group
// sorted from high to low), then each group's mean with a +- std whisker.
void write_genre_check_png(const GenreCheckResult& result, const fs::path& path);

}  // namespace cadenza::genre
