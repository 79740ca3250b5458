// Format version 2 of the CNN model file: the validation record and the pooling are stored and
// read back; version 1 files (without them) still load. And the shift augmentation on a known
// image.
#include <gtest/gtest.h>

#include <fstream>

#include "cnn/images.h"
#include "cnn/predictor.h"
#include "cnn_test_data.h"

namespace fs = std::filesystem;
using namespace cadenza::cnn;

namespace {

ModelSpec small_spec() {
  ModelSpec spec;
  spec.labels = {"jazz", "rock"};
  spec.frames = 44;
  spec.channels = {4, 4, 4, 4};
  spec.mean.assign(128, -30.0f);
  spec.stddev.assign(128, 10.0f);
  return spec;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// 2 images of 128 x 44 with a known pattern (value = band + frame / 100).
ImageSet pattern_images() {
  ImageSet set;
  set.bands = 128;
  set.frames = 44;
  std::vector<float> image(set.image_size());
  for (int i = 0; i < 2; ++i) {
    for (int b = 0; b < 128; ++b)
      for (int t = 0; t < 44; ++t)
        image[static_cast<std::size_t>(b * 44 + t)] = static_cast<float>(b - 60 * i) - t / 100.0f;
    set.add(image.data(), i, i);
  }
  return set;
}

}  // namespace

TEST(CnnFile, ValidationProtocolStoredAndReadBack) {
  const fs::path path = tones_data::temp_path("cadenza_cnn_validated");
  ModelSpec spec = small_spec();
  spec.global_pool = true;
  CnnModel model(spec);
  ModelValidation validation;
  validation.protocol = "by-block";
  validation.test_songs = 30;
  validation.test_windows = 300;
  validation.window_accuracy = 0.88;
  validation.song_accuracy = 29.0 / 30.0;
  model.set_validation(validation);
  model.save(path);
  const CnnModel loaded = load_cnn_model(path);
  EXPECT_EQ(loaded.spec().validation.protocol, "by-block");
  EXPECT_EQ(loaded.spec().validation.test_songs, 30u);
  EXPECT_EQ(loaded.spec().validation.test_windows, 300u);
  EXPECT_EQ(loaded.spec().validation.window_accuracy, 0.88);
  EXPECT_EQ(loaded.spec().validation.song_accuracy, 29.0 / 30.0);
  EXPECT_TRUE(loaded.spec().global_pool);
  EXPECT_EQ(describe(loaded.spec().validation),
            "by-block: 30 test songs (300 windows), window accuracy 0.8800, song accuracy 0.9667");
  const ImageSet images = pattern_images();
  EXPECT_EQ(loaded.probabilities(images).values, model.probabilities(images).values);
  fs::remove(path);
}

TEST(CnnFile, VersionOneFilesStillLoad) {
  // A version 2 file turned into the version 1 layout by hand: version 1 and without the
  // pooling and validation fields, which follow the dropout.
  const fs::path path = tones_data::temp_path("cadenza_cnn_v2");
  CnnModel model(small_spec());
  ModelValidation validation;
  validation.protocol = "by-song";
  model.set_validation(validation);
  model.save(path);
  std::string bytes = bytes_of(path);
  ASSERT_EQ(bytes.substr(0, 6), "CDZCNN");
  ASSERT_EQ(bytes[6], 2);
  // magic 6, version 4, 2 labels (8 + 8 + 4 + 8 + 4), seconds 8, window 8, bands 8, frames 8,
  // 4 channels (8 + 4 x 8), dropout 8.
  const std::size_t after_dropout = 6 + 4 + 8 + (8 + 4) + (8 + 4) + 8 + 8 + 8 + 8 + 8 + 32 + 8;
  // pooling 4, protocol (8 + 7), songs 8, windows 8, two accuracies 16.
  const std::size_t v2_fields = 4 + 8 + 7 + 8 + 8 + 16;
  ASSERT_EQ(bytes.substr(after_dropout + 4 + 8, 7), "by-song");
  std::string v1 = bytes;
  v1[6] = 1;
  v1.erase(after_dropout, v2_fields);
  const fs::path old = tones_data::temp_path("cadenza_cnn_v1");
  std::ofstream(old, std::ios::binary) << v1;
  const CnnModel loaded = load_cnn_model(old);
  EXPECT_TRUE(loaded.spec().validation.protocol.empty());
  EXPECT_FALSE(loaded.spec().global_pool);
  EXPECT_EQ(describe(loaded.spec().validation),
            "not recorded (a model file of format version 1, or not made by train-cnn)");
  const ImageSet images = pattern_images();
  EXPECT_EQ(loaded.probabilities(images).values, model.probabilities(images).values);
  fs::remove(path);
  fs::remove(old);
}

TEST(CnnAugment, ShiftImageMovesBandsAndRollsFrames) {
  // 4 bands x 3 frames: value = 10 x band + frame.
  const std::vector<float> in = {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32};
  std::vector<float> out(12, -1.0f);
  shift_image(in.data(), out.data(), 4, 3, 1, 0);  // up one band, bottom band filled with 0
  EXPECT_EQ(out, (std::vector<float>{0, 0, 0, 0, 1, 2, 10, 11, 12, 20, 21, 22}));
  shift_image(in.data(), out.data(), 4, 3, -2, 0);  // down two bands, top filled with min 0
  EXPECT_EQ(out, (std::vector<float>{20, 21, 22, 30, 31, 32, 0, 0, 0, 0, 0, 0}));
  shift_image(in.data(), out.data(), 4, 3, 0, 1);  // one frame later, the last wraps around
  EXPECT_EQ(out, (std::vector<float>{2, 0, 1, 12, 10, 11, 22, 20, 21, 32, 30, 31}));
  shift_image(in.data(), out.data(), 4, 3, 1, -1);  // both; -1 frame = 2 frames later
  EXPECT_EQ(out, (std::vector<float>{0, 0, 0, 1, 2, 0, 11, 12, 10, 21, 22, 20}));
  // The fill is the image's lowest value (dB), not zero.
  const std::vector<float> db = {-80, -10, -20, -30};  // 2 bands x 2 frames
  std::vector<float> moved(4);
  shift_image(db.data(), moved.data(), 2, 2, 1, 0);
  EXPECT_EQ(moved, (std::vector<float>{-80, -80, -80, -10}));
}
