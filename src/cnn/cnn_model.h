#pragma once
// A trained CNN: the network, the label names, the window length it was trained on and the
// per-band standardisation of its inputs and how it was validated, in one file (format CDZCNN,
// version 2; version 1 files still load; see docs/classify.md). Torch stays inside cnn_model.cpp:
// this header needs none.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cnn/images.h"
#include "common/gtzan.h"

namespace cadenza::cnn {

// Samples of one window: the Kaggle GTZAN 66,149 for 3 s, else round(seconds x 22,050).
std::size_t window_samples_for(double segment_seconds);

// How a model was tested when it was trained (`train-cnn`): the protocol and the accuracies on
// its test songs, so that a user of the model file knows what its accuracy means.
struct ModelValidation {
  std::string protocol;  // e.g. "by-block"; empty: not recorded (a version 1 file, a test)
  std::size_t test_songs = 0, test_windows = 0;
  double window_accuracy = -1, song_accuracy = -1;  // -1: not measured
};

// "by-block: 30 test songs (300 windows), window accuracy 0.8733, song accuracy 0.9333", or
// "not recorded (a model file of format version 1, or not made by train-cnn)".
std::string describe(const ModelValidation& validation);

struct ModelSpec {
  std::vector<std::string> labels;
  double segment_seconds = 3;
  std::size_t window_samples = gtzan::kThreeSecondSamples;
  int bands = 128;
  int frames = 0;  // of the training windows (other lengths can still be classified)
  std::vector<int> channels{16, 32, 64, 128};
  double dropout = 0.3;
  bool global_pool = false;         // mean over bands and time (else over time only)
  std::vector<float> mean, stddev;  // per band, of the training images (dB)
  ModelValidation validation;
};

// Rows x classes, row-major; every row sums to 1.
struct Probabilities {
  std::size_t rows = 0, classes = 0;
  std::vector<double> values;
  double at(std::size_t row, std::size_t c) const { return values[row * classes + c]; }
  std::size_t argmax(std::size_t row) const;
};

class CnnModel {
 public:
  CnnModel();
  // A freshly initialised network (seeded by the caller through torch's generator).
  explicit CnnModel(const ModelSpec& spec);
  ~CnnModel();
  CnnModel(CnnModel&&) noexcept;
  CnnModel& operator=(CnnModel&&) noexcept;

  const ModelSpec& spec() const;
  // Records how the model was tested (saved with it).
  void set_validation(const ModelValidation& validation);
  const std::vector<std::string>& labels() const { return spec().labels; }
  double segment_seconds() const { return spec().segment_seconds; }

  // "cpu", "cuda" or "cuda:N"; throws std::invalid_argument when CUDA is not available.
  void to_device(const std::string& device);
  std::string device() const;

  // Class probabilities (softmax of the logits, applied once) of raw log-mel images (dB, as
  // features::log_mel_spectrogram makes them; standardised here), in batches.
  Probabilities probabilities(const ImageSet& images, int batch = 64) const;

  // Written atomically. Throws std::runtime_error naming the path.
  void save(const std::filesystem::path& path) const;
  // Throws std::runtime_error "<path>: ..." for a foreign, other-version or truncated file.
  static CnnModel load(const std::filesystem::path& path, const std::string& device = "cpu");

  struct Impl;  // the torch side, for the trainer
  Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// True when the file starts with the CNN model magic (CDZCNN); false for anything else,
// including missing files.
bool is_cnn_model_file(const std::filesystem::path& path);

}  // namespace cadenza::cnn
