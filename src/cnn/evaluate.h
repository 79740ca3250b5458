#pragma once
// Test results of a CNN: per window, and per song (the mean of its windows' probabilities,
// softmax applied once per window, then the argmax).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "classify/metrics.h"
#include "cnn/cnn_model.h"
#include "cnn/dataset.h"

namespace cadenza::cnn {

struct SongResult {
  std::string name;
  int truth = 0, predicted = 0;
  std::vector<double> probabilities;  // mean over its windows
  std::size_t windows = 0;
};

struct CnnEvaluation {
  classify::Evaluation windows, songs;
  std::vector<SongResult> song_results;
  // Mean of -ln p(true class), over windows and over songs (finer than accuracy near 1).
  double window_log_loss = 0, song_log_loss = 0;
  double seconds = 0;
};

// Evaluates `model` on the windows of `songs` (indices into data.songs).
CnnEvaluation evaluate_songs(const CnnModel& model, const Dataset& data,
                             const std::vector<int>& songs);

nlohmann::json to_json(const CnnEvaluation& evaluation);

}  // namespace cadenza::cnn
