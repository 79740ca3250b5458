// By-song splits: no song on both sides, stratified by genre, seeded; split files by song,
// stem or window name.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "cnn/song_split.h"
#include "cnn_test_data.h"

namespace fs = std::filesystem;
using namespace cadenza::cnn;

namespace {

// Genres a, b, c with 20, 10 and 5 songs of 3 windows each (1 x 1 images).
Dataset fake_data() {
  Dataset data;
  data.labels = {"a", "b", "c"};
  data.images.bands = data.images.frames = 1;
  const int counts[] = {20, 10, 5};
  for (int label = 0; label < 3; ++label)
    for (int k = 0; k < counts[label]; ++k) {
      Song song;
      char name[32];
      std::snprintf(name, sizeof name, "%s.%05d.wav",
                    data.labels[static_cast<std::size_t>(label)].c_str(), k);
      song.name = name;
      song.label = label;
      song.first_image = data.images.size();
      song.images = 3;
      for (int w = 0; w < 3; ++w) {
        const float v = static_cast<float>(data.songs.size());
        data.images.add(&v, label, static_cast<int>(data.songs.size()));
      }
      data.songs.push_back(song);
    }
  return data;
}

std::vector<int> per_label(const Dataset& data, const std::vector<int>& songs) {
  std::vector<int> out(data.labels.size(), 0);
  for (int s : songs)
    ++out[static_cast<std::size_t>(data.songs[static_cast<std::size_t>(s)].label)];
  return out;
}

}  // namespace

TEST(CnnSplit, BySongIsDisjointStratifiedAndSeeded) {
  const Dataset data = fake_data();
  const SongSplit split = split_songs(data, parse_song_protocol("by-song"), 42, 0.2, 0.1);
  std::set<int> seen;
  for (const auto* side : {&split.train, &split.validation, &split.test})
    for (int s : *side) EXPECT_TRUE(seen.insert(s).second) << "song " << s << " on two sides";
  EXPECT_EQ(seen.size(), data.songs.size());
  EXPECT_EQ(per_label(data, split.test), (std::vector<int>{4, 2, 1}));        // round(0.2 n)
  EXPECT_EQ(per_label(data, split.validation), (std::vector<int>{2, 1, 1}));  // of the rest
  // Every window follows its song.
  const ImageSet test = images_of(data, split.test);
  EXPECT_EQ(test.size(), split.test.size() * 3);
  std::set<int> test_songs(split.test.begin(), split.test.end());
  for (std::size_t i = 0; i < test.size(); ++i) EXPECT_TRUE(test_songs.count(test.songs[i]));
  // Same seed, same split; another seed, another split.
  EXPECT_EQ(split_songs(data, parse_song_protocol("by-song"), 42, 0.2, 0.1).test, split.test);
  EXPECT_NE(split_songs(data, parse_song_protocol("by-song"), 43, 0.2, 0.1).test, split.test);
  // No validation.
  EXPECT_TRUE(split_songs(data, parse_song_protocol("by-song"), 42, 0.2, 0.0).validation.empty());
}

TEST(CnnSplit, SplitFileBySongStemOrWindowName) {
  const Dataset data = fake_data();
  const fs::path list = tones_data::temp_path("cadenza_cnn_split");
  {
    std::ofstream out(list);
    out << "a.00001.wav\r\nb.00002\n\nc.00003.0.wav\nc.00003.1.wav\nblues.00001.0.wav\n"
           "a.00077.wav\n";
  }
  std::vector<std::string> messages;
  const SongSplit split = split_songs(data, parse_song_protocol("split:" + list.string()), 1, 0.2,
                                      0.0, [&](const std::string& m) { messages.push_back(m); });
  ASSERT_EQ(split.test.size(), 3u);
  EXPECT_EQ(data.songs[static_cast<std::size_t>(split.test[0])].name, "a.00001.wav");
  EXPECT_EQ(data.songs[static_cast<std::size_t>(split.test[1])].name, "b.00002.wav");
  EXPECT_EQ(data.songs[static_cast<std::size_t>(split.test[2])].name, "c.00003.wav");
  EXPECT_EQ(split.train.size(), data.songs.size() - 3);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("2 listed song(s) are not in the data set"), std::string::npos)
      << messages[0];
  fs::remove(list);
}

TEST(CnnSplit, Errors) {
  const Dataset data = fake_data();
  // paper splits windows, not songs: refused at parsing and by split_songs.
  try {
    parse_song_protocol("paper");
    ADD_FAILURE() << "paper was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--protocol 'paper': splits windows"), std::string::npos)
        << e.what();
  }
  cadenza::classify::Protocol paper;  // the default kind
  EXPECT_THROW(split_songs(data, paper, 1), std::invalid_argument);
  // Other bad protocols get classify's message (one parser for both).
  try {
    parse_song_protocol("by-song:3");
    ADD_FAILURE() << "by-song:3 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--protocol 'by-song:3': expected paper, by-song"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(parse_song_protocol("split:"), std::invalid_argument);
  const fs::path list = tones_data::temp_path("cadenza_cnn_split_bad");
  {
    std::ofstream out(list);
    for (int k = 0; k < 5; ++k) out << "c.0000" << k << ".wav\n";  // every song of genre c
  }
  try {
    split_songs(data, parse_song_protocol("split:" + list.string()), 1);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("genre 'c' has no training songs"), std::string::npos)
        << e.what();
  }
  {
    std::ofstream out(list);
    out << "zzz.00001.wav\n";
  }
  EXPECT_THROW(split_songs(data, parse_song_protocol("split:" + list.string()), 1),
               std::runtime_error);
  EXPECT_THROW(split_songs(data, parse_song_protocol("split:/nonexistent/list.txt"), 1),
               std::runtime_error);
  fs::remove(list);
}

// A tiny folder layout: <root>/a/a.0000{0..5}.wav and <root>/b/b.0000{0..8}.wav, one 1 s
// window each; by-block membership can be checked by hand.
TEST(CnnSplit, ByBlockOnAFolderLayout) {
  const fs::path root = tones_data::temp_path("cadenza_cnn_blocks");
  fs::remove_all(root);
  for (const auto& [genre, count] : {std::pair<std::string, int>{"a", 6}, {"b", 9}}) {
    fs::create_directories(root / genre);
    for (int k = count - 1; k >= 0; --k)  // written in reverse order: order comes from names
      tones_data::write_wav(root / genre / (genre + ".0000" + std::to_string(k) + ".wav"),
                            tones_data::tones(1.0, 200, 400, static_cast<std::uint64_t>(k)));
  }
  DatasetOptions options;
  options.segment_seconds = 1;
  options.progress = false;
  const Dataset data = load_dataset(root, options);
  ASSERT_EQ(data.songs.size(), 15u);
  auto names = [&](const std::vector<int>& songs) {
    std::vector<std::string> out;
    for (int s : songs) out.push_back(data.songs[static_cast<std::size_t>(s)].name);
    return out;
  };
  // by-block: the last third of each genre in name order (a: 2 of 6, b: 3 of 9); validation
  // 0.2 of the rest from the front (a: round(0.8) = 1 of 4, b: round(1.2) = 1 of 6).
  const cadenza::classify::Protocol block = parse_song_protocol("by-block");
  EXPECT_EQ(block.describe(), "by-block");
  const SongSplit split = split_songs(data, block, 42, 0.2, 0.2);
  EXPECT_EQ(names(split.test),
            (std::vector<std::string>{"a.00004.wav", "a.00005.wav", "b.00006.wav", "b.00007.wav",
                                      "b.00008.wav"}));
  EXPECT_EQ(names(split.validation), (std::vector<std::string>{"a.00000.wav", "b.00000.wav"}));
  EXPECT_EQ(names(split.train),
            (std::vector<std::string>{"a.00001.wav", "a.00002.wav", "a.00003.wav", "b.00001.wav",
                                      "b.00002.wav", "b.00003.wav", "b.00004.wav", "b.00005.wav"}));
  // The seed does not move blocks.
  const SongSplit other_seed = split_songs(data, block, 7, 0.2, 0.2);
  EXPECT_EQ(other_seed.test, split.test);
  EXPECT_EQ(other_seed.validation, split.validation);
  // by-block:4: clips 00004 and above are test.
  const cadenza::classify::Protocol from_four = parse_song_protocol("by-block:4");
  EXPECT_EQ(from_four.describe(), "by-block:4");
  EXPECT_EQ(names(split_songs(data, from_four, 42, 0.2, 0.0).test),
            (std::vector<std::string>{"a.00004.wav", "a.00005.wav", "b.00004.wav", "b.00005.wav",
                                      "b.00006.wav", "b.00007.wav", "b.00008.wav"}));
  EXPECT_THROW(parse_song_protocol("by-block:four"), std::invalid_argument);
  fs::remove_all(root);
}
