// A short real run on the shared GTZAN clips (skipped without ../shared/data): classical vs
// rock, 6 clips each, by song on the fixed by-song split; jazz (3 readable clips plus the
// broken jazz.00054.wav) and blues (3 clips) are left out with messages.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "cnn/dataset.h"
#include "cnn/evaluate.h"
#include "cnn/song_split.h"
#include "cnn/trainer.h"
#include "cnn_test_data.h"
#include "support/shared_data.h"

namespace fs = std::filesystem;
using namespace cadenza::cnn;

TEST(CnnGtzan, ClassicalVersusRockBySong) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00054.wav");
  CADENZA_REQUIRE_SHARED_DATA("gtzan/splits/features_3_sec_classical_jazz_rock.by-song.test.txt");
  const fs::path gtzan = cadenza::testing::shared_data_dir() / "gtzan";
  // A folder of links to 6 classical, 6 rock, 3 jazz (+ the broken one) and 3 blues clips.
  const fs::path root = tones_data::temp_path("cadenza_cnn_gtzan_test");
  fs::remove_all(root);
  auto link = [&](const std::string& genre, const std::string& file) {
    fs::create_directories(root / genre);
    fs::create_symlink(fs::absolute(gtzan / "audio" / genre / file), root / genre / file);
  };
  for (int k = 0; k < 6; ++k) {
    link("classical", "classical.0000" + std::to_string(k) + ".flac");
    link("rock", "rock.0000" + std::to_string(k) + ".flac");
  }
  for (int k = 0; k < 3; ++k) {
    link("jazz", "jazz.0000" + std::to_string(k) + ".flac");
    link("blues", "blues.0000" + std::to_string(k) + ".wav");
  }
  link("jazz", "jazz.00054.wav");

  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<std::string> messages;
  DatasetOptions options;
  options.threads = 2;
  options.progress = false;
  const Dataset data =
      load_dataset(root, options, [&](const std::string& m) { messages.push_back(m); });
  fs::remove_all(root);
  std::printf("log-mel of 19 files: %.1f s\n", seconds());
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  ASSERT_EQ(messages.size(), 3u) << all;
  EXPECT_NE(all.find("jazz.00054.wav': cannot decode"), std::string::npos) << all;
  EXPECT_NE(all.find("left out genre 'blues': 3 songs"), std::string::npos) << all;
  EXPECT_NE(all.find("left out genre 'jazz': 3 songs"), std::string::npos) << all;
  EXPECT_EQ(data.labels, (std::vector<std::string>{"classical", "rock"}));
  ASSERT_EQ(data.songs.size(), 12u);
  EXPECT_EQ(data.images.size(), 120u);  // ten whole 66,149-sample windows per clip
  EXPECT_EQ(data.images.frames, 130);

  const SongSplit split = split_songs(
      data,
      parse_song_protocol(
          "split:" +
          (gtzan / "splits/features_3_sec_classical_jazz_rock.by-song.test.txt").string()),
      42, 0.2, 0.0);
  std::vector<std::string> test;
  for (int s : split.test) test.push_back(data.songs[static_cast<std::size_t>(s)].name);
  EXPECT_EQ(test, (std::vector<std::string>{"classical.00005.flac", "rock.00003.flac"}));
  ModelSpec spec;
  spec.labels = data.labels;
  spec.window_samples = data.window_samples;
  spec.channels = {8, 16, 16, 32};  // a quarter of the default network's work, for speed
  TrainOptions train;
  train.epochs = 4;
  train.batch = 8;  // enough steps for BatchNorm's running statistics to settle
  train.threads = 1;
  train.augment = AugmentMode::off;
  train.verbose = false;
  const CnnModel model = train_cnn(spec, images_of(data, split.train), {}, train);
  const CnnEvaluation e = evaluate_songs(model, data, split.test);
  std::printf("trained and evaluated: %.1f s; test windows %.3f, songs %.3f\n", seconds(),
              e.windows.accuracy, e.songs.accuracy);
  // docs/classify.md ("Tests"): 19 of the 20 test windows (2 songs x 10) and both test songs
  // right. Margin: one window, for OpenBLAS kernels that differ between CPUs (one thread is
  // deterministic on one machine); the songs are exact.
  EXPECT_GE(e.windows.accuracy, 18.0 / 20.0 - 1e-9);
  EXPECT_DOUBLE_EQ(e.songs.accuracy, 1.0);
}
