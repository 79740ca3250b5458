#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <set>

#include "classify/confusion_png.h"
#include "classify/feature_table.h"
#include "classify/metrics.h"
#include "classify/split.h"
#include "support/png_image.h"
#include "test_data.h"

namespace cadenza::classify {
namespace {

TEST(Split, StratifiedKeepsTwentyPercentOfEachClass) {
  std::vector<int> classes;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 10 * (c + 1); ++i) classes.push_back(c);
  const std::vector<bool> test = stratified_test_mask(classes, 0.2, 42);
  int per_class[3] = {};
  for (std::size_t i = 0; i < test.size(); ++i) per_class[classes[i]] += test[i];
  EXPECT_EQ(per_class[0], 2);
  EXPECT_EQ(per_class[1], 4);
  EXPECT_EQ(per_class[2], 6);
  EXPECT_EQ(stratified_test_mask(classes, 0.2, 42), test);
  EXPECT_NE(stratified_test_mask(classes, 0.2, 43), test);
}

TEST(Split, SongOfAWindow) {
  EXPECT_EQ(song_of("classical.00005.3.wav"), "classical.00005");
  EXPECT_EQ(song_of("jazz.00054.wav"), "jazz.00054");
  EXPECT_EQ(song_of("blues.00001.au"), "blues.00001");
}

TEST(Split, BySongKeepsAllWindowsOfASongTogether) {
  FeatureTable table;
  table.source = "memory";
  for (const std::string genre : {"jazz", "rock"})
    for (int song = 0; song < 10; ++song)
      for (int window = 0; window < 10; ++window) {
        table.filenames.push_back(genre + ".0000" + std::to_string(song) + "." +
                                  std::to_string(window) + ".wav");
        table.labels.push_back(genre);
        table.lines.push_back(static_cast<int>(table.lines.size()) + 2);
      }
  const Split split = make_split(table, parse_protocol("by-song"), 42);
  EXPECT_EQ(split.test.size(), 40u);  // 2 of 10 songs per genre
  std::set<std::string> train_songs, test_songs;
  for (auto r : split.train)
    train_songs.insert(song_of(table.filenames[static_cast<std::size_t>(r)]));
  for (auto r : split.test)
    test_songs.insert(song_of(table.filenames[static_cast<std::size_t>(r)]));
  EXPECT_EQ(test_songs.size(), 4u);
  for (const auto& song : test_songs) EXPECT_EQ(train_songs.count(song), 0u) << song;
}

TEST(Metrics, MatchHandComputedValues) {
  // truth:     a a a b b c
  // predicted: a a b b c c
  const Evaluation e = evaluate({0, 0, 0, 1, 1, 2}, {0, 0, 1, 1, 2, 2}, {"a", "b", "c"});
  EXPECT_DOUBLE_EQ(e.accuracy, 4.0 / 6.0);
  EXPECT_EQ(e.confusion, (std::vector<std::vector<int>>{{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}));
  EXPECT_DOUBLE_EQ(e.per_class[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(e.per_class[0].recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.per_class[0].f1, 0.8);
  EXPECT_DOUBLE_EQ(e.per_class[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(e.per_class[1].recall, 0.5);
  EXPECT_DOUBLE_EQ(e.per_class[2].precision, 0.5);
  EXPECT_DOUBLE_EQ(e.per_class[2].f1, 2.0 / 3.0);
  EXPECT_NEAR(e.macro.f1, (0.8 + 0.5 + 2.0 / 3.0) / 3.0, 1e-15);
  EXPECT_NEAR(e.weighted.recall, 4.0 / 6.0, 1e-15);
  EXPECT_EQ(to_json(e)["per_class"]["b"]["support"], 2);
  EXPECT_NE(to_text(e).find("accuracy 0.6667 (6 rows)"), std::string::npos);
}

TEST(ConfusionPng, WritesAPngFile) {
  testing::TempDir dir;
  const Evaluation e = evaluate({0, 1, 1}, {0, 1, 0}, {"jazz", "rock"});
  write_confusion_png(e, dir / "c.png", "knn 30 s");
  // Confusion (rows true, columns predicted): jazz {1, 0}, rock {1, 1}. Layout: 12 px padding,
  // 12 x 14 px characters, 64 px cells. Labels of 4 characters: the cells start at x = 12 + 48
  // + 12 = 72; below the title, the subtitle and the column labels at y = 12 + 2 * 22 + 14 + 12
  // = 82. Width 72 + 2 * 64 + 12 = 212; height 82 + 128 + 12 + 14 + 12 = 248.
  const cadenza::testing::DecodedPng png = cadenza::testing::decode_png_file(dir / "c.png");
  ASSERT_EQ(png.width, 212);
  ASSERT_EQ(png.height, 248);
  // A cell's shade by its share of the row: (255 - 225 s, 255 - 175 s, 255 - 75 s), truncated.
  EXPECT_EQ(png.at(73, 83), (std::array<int, 3>{30, 80, 180}));      // jazz -> jazz: 1 of 1
  EXPECT_EQ(png.at(137, 83), (std::array<int, 3>{255, 255, 255}));   // jazz -> rock: 0
  EXPECT_EQ(png.at(73, 147), (std::array<int, 3>{142, 167, 217}));   // rock -> jazz: 1 of 2
  EXPECT_EQ(png.at(137, 147), (std::array<int, 3>{142, 167, 217}));  // rock -> rock: 1 of 2
}

}  // namespace
}  // namespace cadenza::classify
