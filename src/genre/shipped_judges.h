#pragma once
// Where the shipped genre judges are found: models/genre_tokens.cdz (token_features.h) and
// models/genre_audio.cdz (rendered audio), beside the program as generate/default_model.cpp
// finds models/jazz.cdz: build/app/../../models in the source tree, ../share/cadenza/models
// for an installation.
#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace cadenza::genre
