#pragma once
// Where the shipped genre judges are found: models/genre_tokens.cdz (token_features.h) and
// models/genre_audio.cdz (rendered audio), beside the program as generate/default_model.cpp
// finds models/jazz.cdz: build/app/../../models in the source tree, ../share/cadenza/models
// for an installation. And the one way the commands open "the judges": the files the user
// names, else the shipped ones.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "genre/genre_recognition.h"
#include "genre/piece_judge.h"

namespace cadenza::genre {

inline constexpr char kShippedTokenJudge[] = "genre_tokens.cdz";
inline constexpr char kShippedAudioJudge[] = "genre_audio.cdz";

struct ShippedJudge {
  std::string name;            // "genre_tokens.cdz"
  std::filesystem::path path;  // empty when missing
  std::string looked;          // the places tried, for the message when missing
};

// The token judge first, then the audio judge.
std::vector<ShippedJudge> shipped_judges();

// What to do when a shipped judge is missing: a check that promises both judges refuses
// (genre-check); a table of whatever judges there are warns and goes on (genre-classify).
enum class MissingShippedJudge { kRefuse, kWarnAndGoOn };

struct OpenedJudges {
  std::vector<std::unique_ptr<PieceJudge>> owned;
  std::vector<NamedPieceJudge> named;  // the same judges, named by their file names
};

// The judges of `files` (--judges), or the shipped judges when `files` is empty. `command`
// prefixes the warning of kWarnAndGoOn. Throws std::runtime_error naming a file that is not a
// judge, a missing shipped judge (kRefuse), or "no genre judge" when none could be opened.
OpenedJudges open_judges(const std::vector<std::string>& files, const PieceOptions& options,
                         MissingShippedJudge missing, const std::string& command);

}  // namespace cadenza::genre
