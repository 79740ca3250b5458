#include "cnn/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "cnn/song_split.h"

namespace cadenza::cnn {

CnnEvaluation evaluate_songs(const CnnModel& model, const Dataset& data,
                             const std::vector<int>& songs) {
  const auto start = std::chrono::steady_clock::now();
  const ImageSet images = images_of(data, songs);
  const Probabilities p = model.probabilities(images);
  const std::size_t classes = p.classes;
  CnnEvaluation out;
  classify::Labels window_truth, window_predicted, song_truth, song_predicted;
  auto log_loss = [](double p_true) { return -std::log(std::max(p_true, 1e-15)); };
  for (std::size_t i = 0; i < p.rows; ++i) {
    out.window_log_loss += log_loss(p.at(i, static_cast<std::size_t>(images.labels[i])));
    window_truth.push_back(images.labels[i]);
    window_predicted.push_back(static_cast<int>(p.argmax(i)));
  }
  std::size_t row = 0;
  for (int s : songs) {
    const Song& song = data.songs.at(static_cast<std::size_t>(s));
    SongResult result;
    result.name = song.name;
    result.truth = song.label;
    result.windows = song.images;
    result.probabilities.assign(classes, 0.0);
    for (std::size_t k = 0; k < song.images; ++k, ++row)
      for (std::size_t c = 0; c < classes; ++c) result.probabilities[c] += p.at(row, c);
    for (double& v : result.probabilities)
      v /= static_cast<double>(std::max<std::size_t>(1, song.images));
    result.predicted = static_cast<int>(
        std::max_element(result.probabilities.begin(), result.probabilities.end()) -
        result.probabilities.begin());
    out.song_log_loss += log_loss(result.probabilities[static_cast<std::size_t>(result.truth)]);
    song_truth.push_back(result.truth);
    song_predicted.push_back(result.predicted);
    out.song_results.push_back(std::move(result));
  }
  out.window_log_loss /= static_cast<double>(std::max<std::size_t>(1, p.rows));
  out.song_log_loss /= static_cast<double>(std::max<std::size_t>(1, songs.size()));
  out.windows = classify::evaluate(window_truth, window_predicted, model.labels());
  out.songs = classify::evaluate(song_truth, song_predicted, model.labels());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

nlohmann::json to_json(const CnnEvaluation& evaluation) {
  nlohmann::json songs = nlohmann::json::array();
  const auto& labels = evaluation.songs.labels;
  for (const SongResult& s : evaluation.song_results) {
    nlohmann::json probabilities = nlohmann::json::object();
    for (std::size_t c = 0; c < labels.size(); ++c) probabilities[labels[c]] = s.probabilities[c];
    songs.push_back({{"song", s.name},
                     {"label", labels[static_cast<std::size_t>(s.truth)]},
                     {"predicted", labels[static_cast<std::size_t>(s.predicted)]},
                     {"windows", s.windows},
                     {"probabilities", probabilities}});
  }
  return {{"windows", classify::to_json(evaluation.windows)},
          {"songs", classify::to_json(evaluation.songs)},
          {"song_predictions", songs},
          {"window_log_loss", evaluation.window_log_loss},
          {"song_log_loss", evaluation.song_log_loss},
          {"predict_seconds", evaluation.seconds}};
}

}  // namespace cadenza::cnn
