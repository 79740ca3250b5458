// Bad inputs: each is one clear message; broken files and small genres are skipped with one.
#include <gtest/gtest.h>

#include <fstream>

#include "cnn/cnn_model.h"
#include "cnn/dataset.h"
#include "cnn/trainer.h"
#include "cnn_test_data.h"

namespace fs = std::filesystem;
using namespace cadenza::cnn;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

DatasetOptions quiet_options() {
  DatasetOptions options;
  options.segment_seconds = 1;
  options.min_songs = 2;
  options.progress = false;
  return options;
}

}  // namespace

TEST(CnnBadInput, MissingOrEmptyFolder) {
  EXPECT_NE(
      error_of([] { load_dataset("/nonexistent/cnn", quiet_options()); }).find("not a folder"),
      std::string::npos);
  const fs::path empty = tones_data::temp_path("cadenza_cnn_empty");
  fs::remove_all(empty);
  fs::create_directories(empty / "jazz");
  EXPECT_NE(error_of([&] { load_dataset(empty, quiet_options()); }).find("no audio files"),
            std::string::npos);
  fs::remove_all(empty);
}

TEST(CnnBadInput, OneGenreOnly) {
  const fs::path root = tones_data::temp_path("cadenza_cnn_one_genre");
  fs::remove_all(root);
  fs::create_directories(root / "jazz");
  for (int k = 0; k < 3; ++k)
    tones_data::write_wav(root / "jazz" / ("j" + std::to_string(k) + ".wav"),
                          tones_data::tones(1.2, 200, 300, static_cast<std::uint64_t>(k)));
  const std::string message = error_of([&] { load_dataset(root, quiet_options()); });
  EXPECT_NE(message.find("need at least two genres"), std::string::npos) << message;
  EXPECT_NE(message.find("jazz 3"), std::string::npos) << message;
  fs::remove_all(root);
}

TEST(CnnBadInput, BrokenFilesSmallGenresAndLooseFilesAreSkippedWithAMessage) {
  const fs::path root = tones_data::make_tone_folder("cadenza_cnn_bad_input", 3, 2.1);
  std::ofstream(root / "low" / "broken.wav") << "RIFF but not really a wave file";
  tones_data::write_wav(root / "loose.wav", tones_data::tones(1.5, 200, 300, 9));
  fs::create_directories(root / "blues");
  tones_data::write_wav(root / "blues" / "blues.0.wav", tones_data::tones(1.5, 200, 300, 10));
  tones_data::write_wav(root / "high" / "tiny.wav", std::vector<float>(3000, 0.1f));
  std::vector<std::string> messages;
  const Dataset data =
      load_dataset(root, quiet_options(), [&](const std::string& m) { messages.push_back(m); });
  EXPECT_EQ(data.labels, (std::vector<std::string>{"high", "low"}));
  EXPECT_EQ(data.songs.size(), 6u);
  EXPECT_EQ(data.images.size(), 12u);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_EQ(messages.size(), 4u) << all;
  EXPECT_NE(all.find("broken.wav"), std::string::npos) << all;
  EXPECT_NE(all.find("loose.wav': not in a genre sub-folder"), std::string::npos) << all;
  EXPECT_NE(all.find("left out genre 'blues': 1 song, fewer than --min-songs 2"), std::string::npos)
      << all;
  EXPECT_NE(all.find("tiny.wav': too short"), std::string::npos) << all;
  fs::remove_all(root);
}

TEST(CnnBadInput, WrongModelFiles) {
  const fs::path dir = tones_data::temp_path("cadenza_cnn_bad_models");
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "text.cdz") << "hello, this is not a model";
  std::ofstream(dir / "genre.cdz") << "CDZGENRE\x01\x00\x00\x00";
  EXPECT_FALSE(is_cnn_model_file(dir / "text.cdz"));
  EXPECT_FALSE(is_cnn_model_file(dir / "missing.cdz"));
  EXPECT_NE(error_of([&] { CnnModel::load(dir / "text.cdz"); }).find("not a cadenza CNN model"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              CnnModel::load(dir / "genre.cdz");
            }).find("made by `cadenza classify train` (CDZGENRE), not a CNN model"),
            std::string::npos);
  EXPECT_NE(error_of([&] { CnnModel::load(dir / "missing.cdz"); }).find("cannot open"),
            std::string::npos);

  // A real model, then truncated, another version, trailing bytes.
  ModelSpec spec;
  spec.labels = {"x", "y"};
  spec.frames = 44;
  spec.channels = {4, 4, 4, 4};
  spec.mean.assign(128, 0.0f);
  spec.stddev.assign(128, 1.0f);
  CnnModel(spec).save(dir / "good.cdz");
  std::ifstream in(dir / "good.cdz", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_TRUE(is_cnn_model_file(dir / "good.cdz"));
  EXPECT_NO_THROW(CnnModel::load(dir / "good.cdz"));
  std::ofstream(dir / "short.cdz", std::ios::binary) << bytes.substr(0, bytes.size() - 10);
  std::string message = error_of([&] { CnnModel::load(dir / "short.cdz"); });
  EXPECT_NE(message.find("short.cdz: byte "), std::string::npos) << message;
  EXPECT_NE(message.find("truncated file"), std::string::npos) << message;
  std::string v3 = bytes;
  v3[6] = 3;
  std::ofstream(dir / "v3.cdz", std::ios::binary) << v3;
  message = error_of([&] { CnnModel::load(dir / "v3.cdz"); });
  EXPECT_NE(message.find("CNN model format version 3, this cadenza reads versions 1 to 2"),
            std::string::npos)
      << message;
  std::ofstream(dir / "long.cdz", std::ios::binary) << bytes + "xx";
  message = error_of([&] { CnnModel::load(dir / "long.cdz"); });
  EXPECT_NE(message.find("unexpected bytes after the model"), std::string::npos) << message;
  fs::remove_all(dir);
}

TEST(CnnBadInput, TrainingArguments) {
  ModelSpec spec;
  spec.labels = {"x", "y"};
  ImageSet images;
  images.bands = 128;
  images.frames = 20;
  const std::vector<float> image(128 * 20, -10.0f);
  images.add(image.data(), 0, 0);
  images.add(image.data(), 1, 1);
  TrainOptions options;
  options.verbose = false;
  options.augment = AugmentMode::off;
  options.epochs = 0;
  EXPECT_NE(error_of([&] { train_cnn(spec, images, {}, options); }).find("--epochs"),
            std::string::npos);
  options.epochs = 1;
  options.augment = AugmentMode::once;  // without an augmenter
  EXPECT_NE(error_of([&] { train_cnn(spec, images, {}, options); }).find("augmenter"),
            std::string::npos);
  options.augment = AugmentMode::off;
  images.frames = 10;  // shorter than the 16 frames four poolings need
  images.values.resize(2 * 128 * 10);
  EXPECT_NE(error_of([&] { train_cnn(spec, images, {}, options); }).find("too short"),
            std::string::npos);
}
