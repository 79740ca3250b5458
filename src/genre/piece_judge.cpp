#include "genre/piece_judge.h"

#include <fstream>
#include <mutex>
#include <stdexcept>

#include "classify/classifier.h"
#include "classify/feature_table.h"
#include "genre/token_features.h"
#include "genre/window_classifier.h"

namespace cadenza::genre {
namespace {

namespace fs = std::filesystem;

class TokenJudge final : public PieceJudge {
 public:
  TokenJudge(classify::Classifier classifier, const fs::path& path)
      : classifier_(std::move(classifier)) {
    try {
      bars_ = token_columns_bars(classifier_.columns);
    } catch (const std::exception& e) {
      throw std::runtime_error(path.string() + ": " + e.what());
    }
    const std::vector<std::string> all = token_feature_columns(bars_);
    for (const std::string& column : classifier_.columns) {
      const auto it = std::find(all.begin(), all.end(), column);
      if (it == all.end())
        throw std::runtime_error(path.string() + ": the model uses column '" + column +
                                 "', which is not a token feature cadenza computes");
      indices_.push_back(static_cast<std::size_t>(it - all.begin()));
    }
  }

  const std::vector<std::string>& labels() const override { return classifier_.labels; }
  std::string describe() const override {
    return "tokens: " + classifier_.kind() + " on " + std::to_string(classifier_.columns.size()) +
           " token features of " + span();
  }
  std::string hears() const override {
    return "the notes as written (REMI tokens of " + span() +
           "): register, pitch classes, melodic and chord intervals, rhythm positions, "
           "durations, velocities, instruments, tempo, metre and density; no sound";
  }
  classify::Vector probabilities(const fs::path& midi) const override {
    const std::vector<double> values = token_features_of_file(midi, bars_);
    classify::Matrix x(1, static_cast<Eigen::Index>(indices_.size()));
    for (std::size_t c = 0; c < indices_.size(); ++c)
      x(0, static_cast<Eigen::Index>(c)) = values[indices_[c]];
    std::lock_guard<std::mutex> lock(mutex_);
    return classifier_.predict_proba(x).row(0).transpose();
  }

 private:
  std::string span() const {
    return bars_ == 0 ? std::string("the whole piece")
                      : "the first " + std::to_string(bars_) + " bars";
  }
  classify::Classifier classifier_;
  int bars_ = 0;
  std::vector<std::size_t> indices_;  // per model column: its index in token_feature_columns
  mutable std::mutex mutex_;
};

class AudioJudge final : public PieceJudge {
 public:
  AudioJudge(std::unique_ptr<WindowClassifier> classifier, PieceOptions options)
      : classifier_(std::move(classifier)), options_(std::move(options)) {
    options_.threads = 1;
  }

  const std::vector<std::string>& labels() const override { return classifier_->labels(); }
  std::string describe() const override {
    return "audio: " + classifier_->describe() + ", " + span();
  }
  std::string hears() const override {
    return "the piece rendered with FluidSynth (" + options_.synth.soundfont.filename().string() +
           ", " + span() + "): the sound of the rendering, its windows' probabilities averaged";
  }
  classify::Vector probabilities(const fs::path& midi) const override {
    const PiecePrediction prediction = predict_piece(*classifier_, midi, options_);
    if (!prediction.ok()) throw std::runtime_error(prediction.error);
    return prediction.mean;
  }

 private:
  std::string span() const {
    return options_.seconds > 0 ? "first " + std::to_string(static_cast<int>(options_.seconds)) +
                                      " s from the first note"
                                : std::string("whole piece from the first note");
  }
  std::unique_ptr<WindowClassifier> classifier_;
  PieceOptions options_;
};

bool starts_with_classifier_magic(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char head[sizeof classify::kClassifierMagic - 1] = {};
  in.read(head, sizeof head);
  return in.gcount() == static_cast<std::streamsize>(sizeof head) &&
         std::string(head, sizeof head) == classify::kClassifierMagic;
}

}  // namespace

std::unique_ptr<PieceJudge> make_audio_judge(std::unique_ptr<WindowClassifier> classifier,
                                             const PieceOptions& options) {
  return std::make_unique<AudioJudge>(std::move(classifier), options);
}

std::unique_ptr<PieceJudge> load_piece_judge(const fs::path& path, const PieceOptions& options) {
  std::error_code error;
  if (fs::is_directory(path, error))
    throw std::runtime_error(path.string() + ": a folder, not a genre judge file");
  if (!fs::exists(path, error))
    throw std::runtime_error(path.string() + ": no such genre judge file");
  if (starts_with_classifier_magic(path)) {
    classify::Classifier classifier = classify::Classifier::load(path);
    if (classify::are_token_columns(classifier.columns))
      return std::make_unique<TokenJudge>(std::move(classifier), path);
  }
  // Every other kind of file: load_window_classifier names what it is.
  return make_audio_judge(load_window_classifier(path), options);
}

int top_label(const classify::Vector& probabilities) {
  if (probabilities.size() == 0) return -1;
  Eigen::Index best = 0;
  for (Eigen::Index c = 1; c < probabilities.size(); ++c)
    if (probabilities(c) > probabilities(best)) best = c;
  return static_cast<int>(best);
}

}  // namespace cadenza::genre
