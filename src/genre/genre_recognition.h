#pragma once
// `cadenza genre-check --genres jazz,folk,pop` (issue #13, docs/genre.md): does a genre model
// compose in the genre it is asked for? For each genre, generated pieces and held-out real
// pieces of that genre go before every judge (piece_judge.h); per judge, genre and group the
// share of pieces whose most probable genre is that genre, with a 95% Wilson interval, and the
// ratio generated / real. A generator keeps a genre when its pieces are recognised about as
// often as real music of that genre, judged the same way.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "classify/types.h"
#include "genre/piece_judge.h"

namespace cadenza::genre {

struct RecognitionInput {
  std::string genre;
  std::vector<fs::path> real, generated;
};

struct JudgedPiece {
  std::string genre, group;  // group: "real" or "generated"
  fs::path file;
  std::vector<classify::Vector> probabilities;  // per judge (empty: failed)
  std::vector<std::string> top;                 // per judge; "" when it failed
};

struct RecognitionCell {
  std::string genre, group;
  std::size_t pieces = 0, recognised = 0;
  double rate = 0, low = 0, high = 0;  // recognised / pieces, 95% Wilson interval
};

struct JudgeReport {
  std::string name, describe, hears;
  std::vector<RecognitionCell> cells;  // per genre: real, then generated
  // generated rate / real rate per genre (0 when no real piece was recognised).
  std::map<std::string, double> ratio;
};

struct RecognitionResult {
  std::vector<std::string> genres;
  std::vector<JudgeReport> judges;
  std::vector<JudgedPiece> pieces;
  std::vector<std::string> errors;  // "judge: file: why" per piece a judge could not judge
};

// The 95% Wilson score interval of k successes in n trials ({0, 0} for n = 0).
std::pair<double, double> wilson_interval(std::size_t k, std::size_t n);

struct NamedPieceJudge {
  std::string name;
  const PieceJudge* judge = nullptr;
};

// Throws std::invalid_argument "genre G: not a genre of the judge J (its labels)" unless every
// judge knows every genre.
void check_judges_know(const std::vector<NamedPieceJudge>& judges,
                       const std::vector<std::string>& genres);

// Throws std::invalid_argument when a genre is none of a judge's labels (check_judges_know) or
// a genre has no real or no generated piece. Pieces a judge cannot judge are
// listed in `errors` and left out of that judge's figures. on_done runs after each piece.
RecognitionResult recognise_genres(const std::vector<NamedPieceJudge>& judges,
                                   const std::vector<RecognitionInput>& inputs, unsigned threads,
                                   const std::function<void()>& on_done = {});

std::string format_recognition(const RecognitionResult& result, double target_ratio);
void write_recognition_csv(const RecognitionResult& result, const fs::path& path);
void write_recognition_json(const RecognitionResult& result, const fs::path& path);
// Per judge and genre a bar for real and one for generated pieces (the rate, +- half the
// Wilson interval).
void write_recognition_png(const RecognitionResult& result, const fs::path& path);

}  // namespace cadenza::genre
