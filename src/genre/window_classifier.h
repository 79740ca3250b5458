#pragma once
// "Model -> genre probabilities of audio windows": the one interface the audio and MIDI paths
// (audio_prediction.h, genre_check.h) use, so that any model kind that classifies windows of
// mono 22,050 Hz samples plugs in. Implemented here for the feature-based classifiers of
// `cadenza classify train` (GTZAN feature row per window -> scaler -> PCA -> model).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "classify/types.h"

namespace cadenza::genre {

class WindowClassifier {
 public:
  virtual ~WindowClassifier() = default;

  // "svm, 30 s windows, 57 GTZAN features" (for tables and reports).
  virtual std::string describe() const = 0;
  virtual std::string kind() const = 0;
  // The class names, in the order of the probability columns.
  virtual const std::vector<std::string>& labels() const = 0;
  // The length of the segments the model was trained on: 30 (GTZAN clips) or 3 (3 s windows).
  virtual int segment_seconds() const = 0;

  // The windows of a piece (mono 22,050 Hz): by default the rule of audio_windows.h for
  // segment_seconds(); a model trained on other windows overrides it.
  virtual std::vector<std::vector<float>> windows(const std::vector<float>& samples) const;

  // One row per window (mono samples at 22,050 Hz), one column per label; every row sums to 1
  // (the models' own probabilities: no further softmax). Safe to call from several threads.
  // Throws std::runtime_error for a window that cannot be classified (e.g. too short).
  virtual classify::Matrix probabilities(const std::vector<std::vector<float>>& windows) const = 0;
};

// Opens a model file by its header: a `cadenza classify train` file (CDZGENRE) gives the
// feature-based classifier. Any other file throws std::runtime_error with one line naming the
// file and what it is (a generative checkpoint, another format version, not a model at all).
std::unique_ptr<WindowClassifier> load_window_classifier(const std::filesystem::path& path);

}  // namespace cadenza::genre
