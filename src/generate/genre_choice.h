#pragma once
// Which genre a genre model writes when none is asked for (no torch here: the studio lists it).
#include <algorithm>
#include <string>
#include <vector>

namespace cadenza::generate {

// jazz when the model knows it (the paper's genre and the shipped model's), else its first
// genre; "" for a model without genres.
inline std::string default_genre(const std::vector<std::string>& genres) {
  if (genres.empty()) return "";
  return std::find(genres.begin(), genres.end(), "jazz") != genres.end() ? "jazz" : genres.front();
}

}  // namespace cadenza::generate
