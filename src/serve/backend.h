#pragma once
// What the studio asks of the rest of cadenza, as plain functions: composing, interpolating,
// finding the shipped model and the genre of a piece. library_backend() binds them to
// generate:: and genre:: in this process (never by running the command line); tests give
// their own, fast ones. No torch in this header.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "generate/compose.h"

namespace cadenza::serve {

namespace fs = std::filesystem;

struct GenreProbabilities {
  std::vector<std::string> labels;
  std::vector<double> probabilities;  // one per label, summing to 1
};

struct Backend {
  std::function<generate::ComposeResult(const generate::ComposeOptions&)> compose;
  std::function<generate::ComposeResult(const generate::InterpolateOptions&)> interpolate;
  // The shipped model; throws std::runtime_error saying where it looked when there is none.
  std::function<fs::path()> default_model;
  // The genres a checkpoint has genre tokens for (what `generate --genre` takes), in its
  // vocabulary's order; empty for a model without them. Throws std::runtime_error naming the
  // file when it cannot be read. Unset: no model knows genres.
  std::function<std::vector<std::string>(const fs::path& checkpoint)> model_genres;
  // Genre probabilities of a MIDI file; empty when the studio has no classifier.
  std::function<GenreProbabilities(const fs::path& midi)> genre;
  std::string genre_description;  // "knn, 3 s windows, ..." when there is a classifier
  std::vector<std::string> genre_labels;
};

// generate::compose / interpolate / default_model_path, the checkpoint's genre tokens
// (tokens::vocab_genres of its vocabulary), and the classifier at `classifier`
// (loaded now: throws std::runtime_error naming the file when it is not a genre model).
Backend library_backend(const std::optional<fs::path>& classifier);

}  // namespace cadenza::serve
