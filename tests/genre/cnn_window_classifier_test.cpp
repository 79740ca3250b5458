// `classify predict` and genre-check read CNN model files too: load_window_classifier
// recognises them, and its probabilities are the CNN's own (rows sum to 1, the right genre).
#include <gtest/gtest.h>

#include "cnn/cnn_file.h"
#include "cnn/cnn_test_data.h"
#include "cnn/dataset.h"
#include "cnn/song_split.h"
#include "cnn/trainer.h"
#include "genre/window_classifier.h"

namespace fs = std::filesystem;
using namespace cadenza;

TEST(GenreCnn, LoadsACnnFileAndClassifiesItsWindows) {
  const fs::path root = cnn::tones_data::make_tone_folder("cadenza_genre_cnn_test", 4, 2.1);
  cnn::DatasetOptions options;
  options.segment_seconds = 1;
  options.progress = false;
  options.min_songs = 2;
  const cnn::Dataset data = cnn::load_dataset(root, options);
  std::vector<int> all(data.songs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  cnn::ModelSpec spec;
  spec.labels = data.labels;
  spec.segment_seconds = 1;
  spec.window_samples = data.window_samples;
  spec.channels = {8, 16, 16, 32};
  cnn::TrainOptions train;
  train.epochs = 6;
  train.batch = 8;
  train.learning_rate = 3e-3;
  train.seed = 3;
  train.threads = 1;
  train.verbose = false;
  train.augment = cnn::AugmentMode::off;
  cnn::CnnModel model = cnn::train_cnn(spec, cnn::images_of(data, all), {}, train);
  const fs::path file = root / "model.cdz";
  model.save(file);
  // What `classify predict` prints about the model names how it was validated.
  EXPECT_EQ(genre::load_window_classifier(file)->describe(),
            "cnn, 1 s windows, log-mel spectrograms; validation not recorded (a model file of "
            "format version 1, or not made by train-cnn)");
  cnn::ModelValidation validation;
  validation.protocol = "by-block";
  validation.test_songs = 2;
  validation.test_windows = 4;
  validation.window_accuracy = 0.75;
  validation.song_accuracy = 1;
  model.set_validation(validation);
  model.save(file);

  const std::unique_ptr<genre::WindowClassifier> classifier = genre::load_window_classifier(file);
  EXPECT_EQ(classifier->kind(), "cnn");
  EXPECT_EQ(classifier->describe(),
            "cnn, 1 s windows, log-mel spectrograms; validated under by-block: 2 test songs (4 "
            "windows), window accuracy 0.7500, song accuracy 1.0000");
  EXPECT_EQ(classifier->labels(), model.labels());
  EXPECT_EQ(classifier->segment_seconds(), 1);
  // A new low song of 2.5 s: two 1 s windows; a 0.5 s piece is used whole.
  const std::vector<float> low = cnn::tones_data::tones(2.5, 150, 400, 77);
  const auto windows = classifier->windows(low);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(classifier->windows(std::vector<float>(low.begin(), low.begin() + 11025)).size(), 1u);
  const classify::Matrix p = classifier->probabilities(windows);
  const classify::Matrix expected = cnn::window_probabilities(model, windows);
  ASSERT_EQ(p.rows(), 2);
  const int low_column = model.labels()[0] == "low" ? 0 : 1;
  for (Eigen::Index r = 0; r < p.rows(); ++r) {
    EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-9);
    EXPECT_GT(p(r, low_column), 0.5);
    for (Eigen::Index c = 0; c < p.cols(); ++c) EXPECT_DOUBLE_EQ(p(r, c), expected(r, c));
  }
  fs::remove_all(root);
}
