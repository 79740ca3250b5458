#include <memory>
#include <stdexcept>

#include "genre/audio_prediction.h"
#include "genre/window_classifier.h"
#include "model/checkpoint_file.h"
#include "serve/backend.h"
#include "tokens/remi_corpus.h"

namespace cadenza::serve {

Backend library_backend(const std::optional<fs::path>& classifier) {
  Backend backend;
  backend.compose = [](const generate::ComposeOptions& options) {
    return generate::compose(options);
  };
  backend.interpolate = [](const generate::InterpolateOptions& options) {
    return generate::interpolate(options);
  };
  backend.default_model = [] { return generate::default_model_path(); };
  backend.model_genres = [](const fs::path& checkpoint) {
    return tokens::vocab_genres(
        model::checkpoint_vocab(model::read_checkpoint_file(checkpoint), checkpoint));
  };
  if (!classifier) return backend;
  std::shared_ptr<const genre::WindowClassifier> model = genre::load_window_classifier(*classifier);
  backend.genre_description = model->describe();
  backend.genre_labels = model->labels();
  backend.genre = [model](const fs::path& midi) {
    genre::PieceOptions options;
    options.seconds = 30;  // what the classifiers were trained on (GTZAN clips)
    const genre::PiecePrediction piece = genre::predict_piece(*model, midi, options);
    if (!piece.ok()) throw std::runtime_error(piece.error);
    GenreProbabilities result;
    result.labels = model->labels();
    for (Eigen::Index i = 0; i < piece.mean.size(); ++i)
      result.probabilities.push_back(piece.mean[i]);
    return result;
  };
  return backend;
}

}  // namespace cadenza::serve
