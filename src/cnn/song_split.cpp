#include "cnn/song_split.h"

#include <fstream>
#include <map>
#include <stdexcept>

#include "classify/feature_table.h"
#include "classify/split.h"

namespace cadenza::cnn {

namespace {

[[noreturn]] void refuse_paper() {
  throw std::invalid_argument(
      "--protocol 'paper': splits windows, so windows of one song would be on both sides; "
      "expected by-song, by-block, by-block:<first test clip> or split:<file of test songs>");
}

}  // namespace

classify::Protocol parse_song_protocol(const std::string& text) {
  const classify::Protocol protocol = classify::parse_protocol(text);
  if (protocol.kind == classify::Protocol::Kind::paper) refuse_paper();
  return protocol;
}

namespace {

// Stratified choice of a fraction of `songs` (per genre at least one, never all); genres with
// a single song keep it on the first side.
std::vector<bool> stratified(const Dataset& data, const std::vector<int>& songs, double fraction,
                             std::uint64_t seed) {
  std::map<int, int> per_label;
  for (int s : songs) ++per_label[data.songs[static_cast<std::size_t>(s)].label];
  std::vector<int> classes;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < songs.size(); ++i) {
    const int label = data.songs[static_cast<std::size_t>(songs[i])].label;
    if (per_label[label] < 2) continue;
    classes.push_back(label);
    where.push_back(i);
  }
  const std::vector<bool> mask = classify::stratified_test_mask(classes, fraction, seed);
  std::vector<bool> out(songs.size(), false);
  for (std::size_t k = 0; k < where.size(); ++k) out[where[k]] = mask[k];
  return out;
}

// Block choice of `songs` (indices into data.songs): the test block of
// classify::block_test_mask, or (validation) the first `fraction` of each genre's songs.
std::vector<bool> block(const Dataset& data, const std::vector<int>& songs, int block_start,
                        double fraction, bool validation = false) {
  std::vector<std::string> names;
  std::vector<int> classes;
  for (int s : songs) {
    names.push_back(data.songs[static_cast<std::size_t>(s)].name);
    classes.push_back(data.songs[static_cast<std::size_t>(s)].label);
  }
  return validation ? classify::name_order_block(names, classes, fraction, false)
                    : classify::block_test_mask(names, classes, block_start, fraction);
}

std::vector<bool> listed_songs(const Dataset& data, const std::filesystem::path& list,
                               const MessageSink& message) {
  std::ifstream in(list);
  if (!in) throw std::runtime_error(list.string() + ": cannot open the list of test songs");
  std::map<std::string, std::size_t> song_of_stem;
  for (std::size_t s = 0; s < data.songs.size(); ++s)
    song_of_stem.emplace(classify::song_of(data.songs[s].name), s);
  std::vector<bool> test(data.songs.size(), false);
  std::map<std::string, bool> unknown;
  std::string name;
  while (std::getline(in, name)) {
    if (!name.empty() && name.back() == '\r') name.pop_back();
    if (name.empty()) continue;
    auto it = song_of_stem.find(classify::song_of(name));
    if (it == song_of_stem.end()) it = song_of_stem.find(name);  // a stem with no extension
    if (it == song_of_stem.end())
      unknown[classify::song_of(name)] = true;
    else
      test[it->second] = true;
  }
  if (!unknown.empty() && message)
    message(list.string() + ": " + std::to_string(unknown.size()) +
            " listed song(s) are not in the data set and were ignored (e.g. '" +
            unknown.begin()->first + "')");
  return test;
}

}  // namespace

SongSplit split_songs(const Dataset& data, const classify::Protocol& protocol, std::uint64_t seed,
                      double test_fraction, double validation_fraction,
                      const MessageSink& message) {
  if (!(test_fraction > 0 && test_fraction < 1))
    throw std::invalid_argument("test fraction must be in (0, 1)");
  if (!(validation_fraction >= 0 && validation_fraction < 1))
    throw std::invalid_argument("--validation must be in [0, 1)");
  std::vector<int> all(data.songs.size());
  for (std::size_t s = 0; s < all.size(); ++s) all[s] = static_cast<int>(s);
  std::vector<bool> test;
  switch (protocol.kind) {
    case classify::Protocol::Kind::paper:
      refuse_paper();
    case classify::Protocol::Kind::by_song:
      test = stratified(data, all, test_fraction, seed);
      break;
    case classify::Protocol::Kind::by_block:
      test = block(data, all, protocol.block_start, classify::kBlockTestFraction);
      break;
    case classify::Protocol::Kind::split_file:
      test = listed_songs(data, protocol.test_list, message);
      break;
  }
  SongSplit split;
  std::vector<int> rest;
  for (int s : all) (test[static_cast<std::size_t>(s)] ? split.test : rest).push_back(s);
  if (split.test.empty()) throw std::runtime_error(protocol.describe() + ": no test songs");
  std::vector<int> train_songs(data.labels.size(), 0);
  for (int s : rest)
    ++train_songs[static_cast<std::size_t>(data.songs[static_cast<std::size_t>(s)].label)];
  for (std::size_t l = 0; l < data.labels.size(); ++l)
    if (train_songs[l] == 0)
      throw std::runtime_error(protocol.describe() + ": genre '" + data.labels[l] +
                               "' has no training songs");
  std::vector<bool> validation(rest.size(), false);
  if (validation_fraction > 0)
    validation = protocol.kind == classify::Protocol::Kind::by_block
                     ? block(data, rest, -1, validation_fraction, true)
                     : stratified(data, rest, validation_fraction, seed ^ 0x76616c6964ull);
  for (std::size_t i = 0; i < rest.size(); ++i)
    (validation[i] ? split.validation : split.train).push_back(rest[i]);
  return split;
}

ImageSet images_of(const Dataset& data, const std::vector<int>& songs) {
  std::vector<std::size_t> indices;
  for (int s : songs) {
    const Song& song = data.songs.at(static_cast<std::size_t>(s));
    for (std::size_t k = 0; k < song.images; ++k) indices.push_back(song.first_image + k);
  }
  return select(data.images, indices);
}

}  // namespace cadenza::cnn
