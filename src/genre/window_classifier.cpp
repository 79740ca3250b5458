#include "genre/window_classifier.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include "classify/classifier.h"
#include "classify/feature_table.h"
#include "common/error.h"
#include "features/gtzan.h"
#include "genre/audio_windows.h"
#ifdef CADENZA_GENRE_WITH_CNN
#include "cnn/predictor.h"
#endif

namespace cadenza::genre {
namespace {

namespace fs = std::filesystem;

// The classifiers of `cadenza classify train`: the GTZAN feature row of every window, in the
// model's column order, then scaler -> PCA -> model.
class FeatureWindowClassifier final : public WindowClassifier {
 public:
  FeatureWindowClassifier(classify::Classifier classifier, const fs::path& path)
      : classifier_(std::move(classifier)) {
    const std::vector<std::string> all = features::gtzan_value_columns(true);
    const std::size_t basic = features::gtzan_value_columns(false).size();
    for (const std::string& column : classifier_.columns) {
      const auto it = std::find(all.begin(), all.end(), column);
      if (it == all.end())
        throw std::runtime_error(path.string() + ": the model uses column '" + column +
                                 "', which is not a feature cadenza computes from audio");
      const auto index = static_cast<std::size_t>(it - all.begin());
      extra_ = extra_ || index >= basic;
      indices_.push_back(index);
    }
  }

  std::string describe() const override {
    return classifier_.kind() + ", " + std::to_string(classifier_.segment_seconds) +
           " s windows, " + std::to_string(classifier_.columns.size()) + " GTZAN features";
  }
  std::string kind() const override { return classifier_.kind(); }
  const std::vector<std::string>& labels() const override { return classifier_.labels; }
  int segment_seconds() const override { return classifier_.segment_seconds; }

  classify::Matrix probabilities(const std::vector<std::vector<float>>& windows) const override {
    if (windows.empty()) throw std::invalid_argument("no windows to classify");
    classify::Matrix x(static_cast<Eigen::Index>(windows.size()),
                       static_cast<Eigen::Index>(indices_.size()));
    for (std::size_t w = 0; w < windows.size(); ++w) {
      const std::vector<float>& samples = windows[w];
      if (samples.size() < features::kMinimumSamples)
        throw std::runtime_error("a window of " + std::to_string(samples.size()) +
                                 " samples is too short (at least " +
                                 std::to_string(features::kMinimumSamples) + ")");
      const std::vector<double> values =
          features::gtzan_values(samples.data(), samples.size(), extra_);
      for (std::size_t c = 0; c < indices_.size(); ++c) {
        const double value = values[indices_[c]];
        if (!std::isfinite(value))
          throw std::runtime_error("feature '" + classifier_.columns[c] + "' of window " +
                                   std::to_string(w + 1) + " is not finite");
        x(static_cast<Eigen::Index>(w), static_cast<Eigen::Index>(c)) = value;
      }
    }
    // Features are computed in parallel by the callers' threads; the model call is serialised
    // because not every model library promises thread-safe prediction.
    std::lock_guard<std::mutex> lock(mutex_);
    return classifier_.predict_proba(x);
  }

 private:
  classify::Classifier classifier_;
  std::vector<std::size_t> indices_;  // per model column: its index in gtzan_values(extra)
  bool extra_ = false;
  mutable std::mutex mutex_;
};

#ifdef CADENZA_GENRE_WITH_CNN
// The CNN of `cadenza classify train-cnn`: log-mel images of its own windows.
class CnnWindowClassifier final : public WindowClassifier {
 public:
  explicit CnnWindowClassifier(cnn::CnnModel model) : model_(std::move(model)) {}

  std::string describe() const override {
    const cnn::ModelValidation& validation = model_.spec().validation;
    return "cnn, " + std::to_string(segment_seconds()) + " s windows, log-mel spectrograms; " +
           (validation.protocol.empty() ? "validation " : "validated under ") +
           cnn::describe(validation);
  }
  std::string kind() const override { return "cnn"; }
  const std::vector<std::string>& labels() const override { return model_.labels(); }
  int segment_seconds() const override {
    return static_cast<int>(std::lround(model_.segment_seconds()));
  }

  // The windows the CNN was trained on; a piece shorter than one window is used whole (the
  // network averages over time, so any length of at least one STFT frame works).
  std::vector<std::vector<float>> windows(const std::vector<float>& samples) const override {
    if (samples.size() < model_.spec().window_samples) return {samples};
    return cnn::cut_cnn_windows(samples, model_.spec().window_samples);
  }

  classify::Matrix probabilities(const std::vector<std::vector<float>>& windows) const override {
    if (windows.empty()) throw std::invalid_argument("no windows to classify");
    std::lock_guard<std::mutex> lock(mutex_);
    return cnn::window_probabilities(model_, windows);
  }

 private:
  cnn::CnnModel model_;
  mutable std::mutex mutex_;
};
#endif

std::string file_head(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error))
    throw std::runtime_error(path.string() + ": a folder, not a model file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open the model file");
  char head[8] = {};
  in.read(head, sizeof head);
  return std::string(head, static_cast<std::size_t>(in.gcount()));
}

}  // namespace

std::vector<std::vector<float>> WindowClassifier::windows(const std::vector<float>& samples) const {
  return cut_windows(samples, segment_seconds());
}

std::unique_ptr<WindowClassifier> load_window_classifier(const fs::path& path) {
  const std::string head = file_head(path);
  if (head.compare(0, 4, "CDZ1") == 0)
    throw std::runtime_error(path.string() +
                             ": a generative model checkpoint (made by `cadenza train`), not a "
                             "genre classifier (expected a file made by `cadenza classify train`)");
#ifdef CADENZA_GENRE_WITH_CNN
  if (cnn::is_cnn_model_file(path))
    return std::make_unique<CnnWindowClassifier>(cnn::load_cnn_model(path));
#else
  if (head.compare(0, 6, "CDZCNN") == 0) throw NeedsTorch("a CNN genre model");
#endif
  // Classifier::load names every other kind of file (foreign, other version, damaged).
  classify::Classifier classifier = classify::Classifier::load(path);
  if (classify::are_token_columns(classifier.columns))
    throw std::runtime_error(path.string() +
                             ": a token genre judge (trained on REMI token features), not an "
                             "audio classifier; judge MIDI files with `cadenza genre-classify "
                             "--judges " +
                             path.string() + "`");
  return std::make_unique<FeatureWindowClassifier>(std::move(classifier), path);
}

}  // namespace cadenza::genre
