// The CNN learns two synthetic "genres" (low vs high sine tones) perfectly, song by song;
// a saved and reloaded model gives identical probabilities; the audio-window API agrees.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "cnn/dataset.h"
#include "cnn/evaluate.h"
#include "cnn/predictor.h"
#include "cnn/song_split.h"
#include "cnn/trainer.h"
#include "cnn_test_data.h"
#include "common/error.h"
#include "constant_model.h"

namespace fs = std::filesystem;
using namespace cadenza::cnn;

namespace {

struct Trained {
  Dataset data;
  SongSplit split;
  CnnModel model;
  TrainSummary report;
};

// 8 songs of 3 s per genre, 1 s windows (44 frames): 48 windows; trained once for all tests.
const Trained& trained() {
  static const Trained* t = [] {
    auto* out = new Trained;
    const fs::path root = tones_data::make_tone_folder("cadenza_cnn_train_test", 8, 3.1);
    DatasetOptions options;
    options.segment_seconds = 1;
    options.progress = false;
    out->data = load_dataset(root, options);
    fs::remove_all(root);
    out->split = split_songs(out->data, parse_song_protocol("by-song"), 7, 0.25, 0.0);
    ModelSpec spec;
    spec.labels = out->data.labels;
    spec.segment_seconds = 1;
    spec.window_samples = out->data.window_samples;
    spec.channels = {8, 16, 16, 32};
    TrainOptions train;
    train.epochs = 6;
    train.batch = 16;
    train.learning_rate = 3e-3;
    train.seed = 3;
    train.threads = 1;
    train.verbose = false;
    train.augment = AugmentMode::once;
    train.augmenter = paper_augmenter();
    out->model =
        train_cnn(spec, images_of(out->data, out->split.train), ImageSet{}, train, &out->report);
    return out;
  }();
  return *t;
}

}  // namespace

TEST(CnnTrain, DatasetHasSongsWindowsAndLabels) {
  const Dataset& data = trained().data;
  EXPECT_EQ(data.labels, (std::vector<std::string>{"high", "low"}));
  ASSERT_EQ(data.songs.size(), 16u);
  EXPECT_EQ(data.window_samples, 22050u);
  EXPECT_EQ(data.images.size(), 48u);  // 3 whole 1 s windows per 3.1 s song
  EXPECT_EQ(data.images.bands, 128);
  EXPECT_EQ(data.images.frames, 44);  // 1 + 22050 / 512
  for (std::size_t s = 0; s < data.songs.size(); ++s) {
    EXPECT_EQ(data.songs[s].images, 3u);
    for (std::size_t k = 0; k < 3; ++k) {
      EXPECT_EQ(data.images.songs[data.songs[s].first_image + k], static_cast<int>(s));
      EXPECT_EQ(data.images.labels[data.songs[s].first_image + k], data.songs[s].label);
    }
  }
}

TEST(CnnTrain, LearnsLowVersusHighTonesPerfectly) {
  const Trained& t = trained();
  EXPECT_EQ(t.report.history.size(), 6u);
  EXPECT_EQ(t.report.training_images, 12u * 3u * 4u);  // 12 songs x 3 windows x (1 + 3 copies)
  EXPECT_LT(t.report.history.back().train_loss, t.report.history.front().train_loss);
  const CnnEvaluation e = evaluate_songs(t.model, t.data, t.split.test);
  EXPECT_EQ(t.split.test.size(), 4u);
  EXPECT_DOUBLE_EQ(e.windows.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(e.songs.accuracy, 1.0);
  // Log loss: the mean of -ln p(true class) over the test windows.
  const ImageSet test = images_of(t.data, t.split.test);
  const Probabilities p = t.model.probabilities(test);
  double loss = 0;
  for (std::size_t i = 0; i < p.rows; ++i)
    loss -= std::log(p.at(i, static_cast<std::size_t>(test.labels[i])));
  EXPECT_NEAR(e.window_log_loss, loss / static_cast<double>(p.rows), 1e-12);
  EXPECT_LT(e.window_log_loss, std::log(2.0));
  ASSERT_EQ(e.song_results.size(), 4u);
  for (const SongResult& s : e.song_results) {
    double sum = 0;
    for (double p : s.probabilities) sum += p;
    EXPECT_NEAR(sum, 1.0, 1e-9);
    EXPECT_GT(s.probabilities[static_cast<std::size_t>(s.truth)], 0.5) << s.name;
  }
}

TEST(CnnTrain, SameSeedSameModel) {
  const Trained& t = trained();
  ModelSpec spec = t.model.spec();
  TrainOptions train;
  train.epochs = 1;
  train.batch = 16;
  train.seed = 11;
  train.threads = 1;
  train.verbose = false;
  train.augment = AugmentMode::once;
  train.augmenter = paper_augmenter();
  const ImageSet images = images_of(t.data, t.split.train);
  const CnnModel a = train_cnn(spec, images, ImageSet{}, train);
  const CnnModel b = train_cnn(spec, images, ImageSet{}, train);
  const ImageSet test = images_of(t.data, t.split.test);
  EXPECT_EQ(a.probabilities(test).values, b.probabilities(test).values);
}

TEST(CnnTrain, EarlyStoppingKeepsTheBestEpoch) {
  const Trained& t = trained();
  TrainOptions train;
  train.epochs = 4;
  train.batch = 16;
  train.seed = 5;
  train.threads = 1;
  train.patience = 1;
  train.verbose = false;
  train.augment = AugmentMode::fresh;
  train.augmenter = paper_augmenter();
  const SongSplit split = split_songs(t.data, parse_song_protocol("by-song"), 7, 0.25, 0.2);
  ASSERT_FALSE(split.validation.empty());
  TrainSummary report;
  const ImageSet validation = images_of(t.data, split.validation);
  const CnnModel model =
      train_cnn(t.model.spec(), images_of(t.data, split.train), validation, train, &report);
  ASSERT_GE(report.best_epoch, 1);
  double best = INFINITY;
  for (const auto& e : report.history) best = std::min(best, e.validation_loss);
  EXPECT_DOUBLE_EQ(report.history[static_cast<std::size_t>(report.best_epoch - 1)].validation_loss,
                   best);
  // The model holds the best epoch's weights: its validation loss is the best one.
  const Probabilities p = model.probabilities(validation);
  double loss = 0;
  for (std::size_t i = 0; i < p.rows; ++i)
    loss -= std::log(p.at(i, static_cast<std::size_t>(validation.labels[i])));
  EXPECT_NEAR(loss / static_cast<double>(p.rows), best, 1e-4);
}

TEST(CnnFile, SaveLoadGivesIdenticalProbabilities) {
  const Trained& t = trained();
  const fs::path path = tones_data::temp_path("cadenza_cnn_model");
  t.model.save(path);
  EXPECT_TRUE(is_cnn_model_file(path));
  const CnnModel loaded = load_cnn_model(path);
  EXPECT_EQ(loaded.labels(), t.model.labels());
  EXPECT_EQ(loaded.segment_seconds(), 1.0);
  EXPECT_EQ(loaded.spec().window_samples, 22050u);
  EXPECT_EQ(loaded.spec().frames, 44);
  EXPECT_EQ(loaded.spec().mean, t.model.spec().mean);
  EXPECT_EQ(loaded.spec().stddev, t.model.spec().stddev);
  const ImageSet test = images_of(t.data, t.split.test);
  EXPECT_EQ(loaded.probabilities(test).values, t.model.probabilities(test).values);
  // Saving the loaded model gives the same bytes.
  const fs::path again = tones_data::temp_path("cadenza_cnn_model2");
  loaded.save(again);
  std::ifstream a(path, std::ios::binary), b(again, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}),
            std::string(std::istreambuf_iterator<char>(b), {}));
  fs::remove(path);
  fs::remove(again);
}

TEST(CnnFile, WindowProbabilitiesFromSamples) {
  const Trained& t = trained();
  // Windows of a new low song and a new high song, plus one 2 s window (another length).
  const auto low = tones_data::tones(2.0, 150, 400, 1001),
             high = tones_data::tones(2.0, 3000, 6000, 1002);
  auto windows = cut_cnn_windows(low, t.model.spec().window_samples);
  const auto more = cut_cnn_windows(high, t.model.spec().window_samples);
  windows.insert(windows.end(), more.begin(), more.end());
  windows.push_back(high);
  ASSERT_EQ(windows.size(), 5u);
  const cadenza::classify::Matrix p = window_probabilities(t.model, windows);
  ASSERT_EQ(p.rows(), 5);
  ASSERT_EQ(p.cols(), 2);
  const int high_column = 0, low_column = 1;  // labels are alphabetical
  for (Eigen::Index r = 0; r < 5; ++r) {
    EXPECT_NEAR(p.row(r).sum(), 1.0, 1e-9);
    EXPECT_GT(p(r, r < 2 ? low_column : high_column), 0.5) << "window " << r;
  }
  EXPECT_THROW(window_probabilities(t.model, {std::vector<float>(1000, 0.1f)}),
               std::invalid_argument);
  // A model whose answer is known by construction (constant_model.h): (0.35, 0.65) for windows
  // of its length and of another, on the sample path and on the image path alike.
  const CnnModel known = cadenza::cnn::testing::constant_model({"high", "low"}, {0.35f, 0.65f});
  const cadenza::classify::Matrix q = window_probabilities(known, windows);
  ASSERT_EQ(q.rows(), 5);
  for (Eigen::Index r = 0; r < 5; ++r) {
    EXPECT_NEAR(q(r, 0), 0.35, 1e-6) << "window " << r;
    EXPECT_NEAR(q(r, 1), 0.65, 1e-6) << "window " << r;
  }
  const Probabilities images = known.probabilities(window_images({windows[0], windows[1]}));
  ASSERT_EQ(images.rows, 2u);
  for (std::size_t r = 0; r < 2; ++r) EXPECT_NEAR(images.at(r, 1), 0.65, 1e-6);
}

TEST(CnnWindows, ConsecutiveTailDroppedShortPadded) {
  std::vector<float> samples(10);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i] = static_cast<float>(i);
  const auto w = cut_cnn_windows(samples, 4);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1], (std::vector<float>{4, 5, 6, 7}));
  const auto padded = cut_cnn_windows(samples, 16);
  ASSERT_EQ(padded.size(), 1u);
  EXPECT_EQ(padded[0].size(), 16u);
  EXPECT_EQ(padded[0][9], 9.0f);
  EXPECT_EQ(padded[0][15], 0.0f);
  EXPECT_TRUE(cut_cnn_windows(samples, 21).empty());
  EXPECT_EQ(window_samples_for(3), 66149u);
  EXPECT_EQ(window_samples_for(30), 661500u);
  EXPECT_THROW(window_samples_for(0), std::invalid_argument);
}

TEST(CnnDevice, CudaIsAClearErrorWithoutAGpu) {
  if (std::getenv("CADENZA_TEST_CUDA")) GTEST_SKIP() << "CUDA machine";
  try {
    check_device("cuda");
    GTEST_SKIP() << "CUDA is available here";
  } catch (const cadenza::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("CUDA is not available"), std::string::npos) << e.what();
  }
  EXPECT_THROW(check_device("tpu"), cadenza::UsageError);
}
