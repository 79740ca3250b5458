#pragma once
// Helpers of the genre tests: a temp folder, WAV and MIDI files, a fake window classifier and
// a KNN classifier trained on every row of the GTZAN 30 s CSV.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "audio/synth.h"
#include "classify/classifier.h"
#include "classify/feature_table.h"
#include "classify/model_factory.h"
#include "classify/training.h"
#include "genre/window_classifier.h"
#include "midi/writer.h"
#include "score/procedural.h"

namespace cadenza::genre::testing {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = fs::temp_directory_path() /
            ("cadenza_genre_test_" + std::to_string(device()) + std::to_string(device()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A 22,050 Hz WAV whose two channels both hold `mono`.
inline void write_mono_wav(const std::vector<float>& mono, const fs::path& path) {
  audio::StereoAudio stereo;
  stereo.sample_rate = 22050;
  for (float v : mono) stereo.samples.insert(stereo.samples.end(), {v, v});
  audio::write_wav(stereo, path);
}

// A short procedural piece (piano chords and an alto sax line) as a MIDI file.
inline void write_procedural_midi(std::uint64_t seed, int bars, const fs::path& path) {
  score::ProceduralOptions options;
  options.bars = bars;
  midi::write(score::to_midi(score::make_jazz_like_piece(seed, options)), path);
}

// Probabilities chosen by each window's first sample: > 0.4 -> b, 0.1..0.4 -> a,
// < -0.1 -> c; anything else throws (so a window that should not exist is noticed).
class FakeClassifier : public WindowClassifier {
 public:
  FakeClassifier(std::vector<double> a, std::vector<double> b, std::vector<double> c)
      : rows_{std::move(a), std::move(b), std::move(c)} {}
  std::string describe() const override { return "fake, 3 s windows"; }
  std::string kind() const override { return "fake"; }
  const std::vector<std::string>& labels() const override { return labels_; }
  int segment_seconds() const override { return 3; }
  classify::Matrix probabilities(const std::vector<std::vector<float>>& windows) const override {
    classify::Matrix p(static_cast<Eigen::Index>(windows.size()), 3);
    for (std::size_t w = 0; w < windows.size(); ++w) {
      const float v = windows[w].front();
      const int row = v > 0.4f ? 1 : v > 0.1f ? 0 : v < -0.1f ? 2 : -1;
      if (row < 0) throw std::runtime_error("unexpected window");
      lengths.push_back(windows[w].size());
      for (int c = 0; c < 3; ++c)
        p(static_cast<Eigen::Index>(w), c) = rows_[static_cast<std::size_t>(row)][c];
    }
    return p;
  }
  mutable std::vector<std::size_t> lengths;  // of the windows seen (single-threaded tests)

 private:
  std::vector<std::vector<double>> rows_;
  std::vector<std::string> labels_ = {"blues", "jazz", "rock"};
};

// KNN (k = 1) with scaler and PCA fitted on every row of `csv`, saved to `path`.
inline void save_knn_on_all_rows(const fs::path& csv, const fs::path& path, int k = 1) {
  const classify::FeatureTable table = classify::read_feature_csv(csv);
  classify::Classifier c;
  c.labels = classify::label_names(table);
  c.columns = table.columns;
  c.segment_seconds = table.segment_seconds;
  c.scaler.fit(table.x);
  c.pca.fit(c.scaler.transform(table.x));
  classify::ModelOptions options;
  options.knn_k = k;
  c.model = classify::make_model("knn", options);
  classify::Labels y;
  for (const auto& label : table.labels)
    y.push_back(
        static_cast<int>(std::find(c.labels.begin(), c.labels.end(), label) - c.labels.begin()));
  c.model->fit(c.preprocess(table.x), y, static_cast<int>(c.labels.size()));
  c.save(path);
}

}  // namespace cadenza::genre::testing
