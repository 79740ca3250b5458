#pragma once
// Where the models that ship with cadenza (models/ in the repository: jazz.cdz, genres.cdz,
// genre_tokens.cdz, genre_audio.cdz) are found beside the running program: build/app/../../models
// in the source tree, ../share/cadenza/models in an installation. The one lookup every default
// model goes through.
#include <filesystem>
#include <string>

namespace cadenza {

struct ShippedModel {
  std::string name;            // "jazz.cdz"
  std::filesystem::path path;  // empty when missing
  std::string looked;          // the places tried, for the message when missing
  bool found() const { return !path.empty(); }
};

ShippedModel find_shipped_model(const std::string& name);

// The path, or std::runtime_error "no <what> given and the shipped model is missing (<name>;
// looked in ...); <hint>".
std::filesystem::path shipped_model_or_throw(const std::string& name, const std::string& what,
                                             const std::string& hint);

}  // namespace cadenza
