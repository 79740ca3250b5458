#include <gtest/gtest.h>

#include <array>
#include <cstdio>
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

TEST(Split, ClipNumbers) {
  EXPECT_EQ(clip_number("jazz.00023"), 23);
  EXPECT_EQ(clip_number("jazz.00023.flac"), 23);
  EXPECT_EQ(clip_number("jazz.00023.4.wav"), 23);
  EXPECT_EQ(clip_number("classical.00000.wav"), 0);
  EXPECT_EQ(clip_number("my song.wav"), -1);
  EXPECT_EQ(clip_number("noise"), -1);
}

// Rows of 3 s windows (2 per song) of jazz songs 00000-00005 and rock songs 00000-00008,
// listed out of name order.
FeatureTable block_table() {
  FeatureTable table;
  table.source = "memory";
  const std::pair<std::string, std::vector<int>> songs[] = {{"rock", {8, 0, 7, 1, 6, 2, 5, 3, 4}},
                                                            {"jazz", {5, 4, 3, 2, 1, 0}}};
  for (const auto& [genre, numbers] : songs)
    for (int number : numbers)
      for (int window = 0; window < 2; ++window) {
        char name[40];
        std::snprintf(name, sizeof name, "%s.%05d.%d.wav", genre.c_str(), number, window);
        table.filenames.push_back(name);
        table.labels.push_back(genre);
        table.lines.push_back(static_cast<int>(table.lines.size()) + 2);
      }
  return table;
}

std::set<std::string> test_songs(const FeatureTable& table, const Split& split) {
  std::set<std::string> out;
  for (auto r : split.test) out.insert(song_of(table.filenames[static_cast<std::size_t>(r)]));
  return out;
}

TEST(Split, ByBlockTestsTheLastThirdOfEachGenreInNameOrder) {
  const FeatureTable table = block_table();
  const Protocol protocol = parse_protocol("by-block");
  EXPECT_EQ(protocol.describe(), "by-block");
  const Split split = make_split(table, protocol, 42);
  // jazz: 6 songs -> the last 2 (00004, 00005); rock: 9 -> the last 3 (00006-00008).
  EXPECT_EQ(test_songs(table, split),
            (std::set<std::string>{"jazz.00004", "jazz.00005", "rock.00006", "rock.00007",
                                   "rock.00008"}));
  EXPECT_EQ(split.test.size(), 10u);
  EXPECT_EQ(split.train.size(), 20u);
  // No seed involved: the same blocks for every seed.
  EXPECT_EQ(make_split(table, protocol, 7).test, split.test);
}

TEST(Split, ByBlockWithAFirstTestClip) {
  const FeatureTable table = block_table();
  const Protocol protocol = parse_protocol("by-block:5");
  EXPECT_EQ(protocol.describe(), "by-block:5");
  EXPECT_EQ(test_songs(table, make_split(table, protocol, 42)),
            (std::set<std::string>{"jazz.00005", "rock.00005", "rock.00006", "rock.00007",
                                   "rock.00008"}));
  // Every jazz song is in the test block: an error, not an empty training side.
  EXPECT_THROW(make_split(table, parse_protocol("by-block:0"), 42), std::runtime_error);
  EXPECT_THROW(parse_protocol("by-block:"), std::invalid_argument);
  EXPECT_THROW(parse_protocol("by-block:x1"), std::invalid_argument);
  EXPECT_THROW(parse_protocol("by-blocks"), std::invalid_argument);
  // Names without a clip number cannot be split by number.
  FeatureTable loose;
  loose.source = "memory";
  loose.filenames = {"one.wav", "two.wav"};
  loose.labels = {"jazz", "rock"};
  loose.lines = {2, 3};
  try {
    make_split(loose, protocol, 42);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'one': no clip number"), std::string::npos) << e.what();
  }
}

TEST(Split, NameOrderBlockFromEitherEnd) {
  const std::vector<std::string> names = {"b", "d", "a", "c", "e"};
  const std::vector<int> classes = {0, 0, 0, 0, 1};
  // class 0 in name order: a b c d; 0.5 -> 2 songs; class 1 has one song: never chosen.
  EXPECT_EQ(name_order_block(names, classes, 0.5, false),
            (std::vector<bool>{true, false, true, false, false}));  // a, b
  EXPECT_EQ(name_order_block(names, classes, 0.5, true),
            (std::vector<bool>{false, true, false, true, false}));  // c, d
  // At least one, never all.
  EXPECT_EQ(name_order_block(names, classes, 0.01, true),
            (std::vector<bool>{false, true, false, false, false}));
  EXPECT_EQ(name_order_block(names, classes, 0.99, true),
            (std::vector<bool>{true, true, false, true, false}));
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
  // = 82. Width: the subtitle's 46 characters, 12 + 46 * 12 + 12 = 576 (the cells need 72 + 2 *
  // 64 + 12 = 212); height 82 + 128 + 12 + 14 + 12 = 248.
  const cadenza::testing::DecodedPng png = cadenza::testing::decode_png_file(dir / "c.png");
  ASSERT_EQ(png.width, 576);
  ASSERT_EQ(png.height, 248);
  // A cell's shade by its share of the row: (255 - 225 s, 255 - 175 s, 255 - 75 s), truncated.
  EXPECT_EQ(png.at(73, 83), (std::array<int, 3>{30, 80, 180}));      // jazz -> jazz: 1 of 1
  EXPECT_EQ(png.at(137, 83), (std::array<int, 3>{255, 255, 255}));   // jazz -> rock: 0
  EXPECT_EQ(png.at(73, 147), (std::array<int, 3>{142, 167, 217}));   // rock -> jazz: 1 of 2
  EXPECT_EQ(png.at(137, 147), (std::array<int, 3>{142, 167, 217}));  // rock -> rock: 1 of 2
}

}  // namespace
}  // namespace cadenza::classify
