#include "classify/split.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace cadenza::classify {

std::string Protocol::describe() const {
  switch (kind) {
    case Kind::paper:
      return "paper";
    case Kind::by_song:
      return "by-song";
    case Kind::split_file:
      return "split:" + test_list.string();
  }
  return "";
}

Protocol parse_protocol(const std::string& text) {
  Protocol protocol;
  if (text == "paper") return protocol;
  if (text == "by-song") {
    protocol.kind = Protocol::Kind::by_song;
    return protocol;
  }
  if (text.rfind("split:", 0) == 0 && text.size() > 6) {
    protocol.kind = Protocol::Kind::split_file;
    protocol.test_list = text.substr(6);
    return protocol;
  }
  throw std::invalid_argument("--protocol '" + text +
                              "': expected paper, by-song or split:<file of test rows>");
}

std::vector<bool> stratified_test_mask(const std::vector<int>& item_class, double fraction,
                                       std::uint64_t seed) {
  std::map<int, std::vector<std::size_t>> by_class;
  for (std::size_t i = 0; i < item_class.size(); ++i) by_class[item_class[i]].push_back(i);
  std::mt19937_64 rng(seed);
  std::vector<bool> test(item_class.size(), false);
  for (auto& [label, items] : by_class) {
    std::shuffle(items.begin(), items.end(), rng);
    const long n = static_cast<long>(items.size());
    const long n_test = std::clamp(std::lround(fraction * static_cast<double>(n)), 1L, n - 1);
    for (long i = 0; i < n_test; ++i) test[items[static_cast<std::size_t>(i)]] = true;
  }
  return test;
}

namespace {

std::vector<int> label_codes(const FeatureTable& table) {
  std::map<std::string, int> code;
  std::vector<int> out;
  for (const auto& label : table.labels)
    out.push_back(code.emplace(label, static_cast<int>(code.size())).first->second);
  return out;
}

std::vector<bool> split_file_mask(const FeatureTable& table, const std::filesystem::path& list) {
  std::ifstream in(list);
  if (!in) throw std::runtime_error(list.string() + ": cannot open the list of test rows");
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < table.filenames.size(); ++r) row_of.emplace(table.filenames[r], r);
  std::vector<bool> test(table.filenames.size(), false);
  std::string name;
  int line = 0;
  while (std::getline(in, name)) {
    ++line;
    if (!name.empty() && name.back() == '\r') name.pop_back();
    if (name.empty()) continue;
    const auto it = row_of.find(name);
    if (it == row_of.end())
      throw std::runtime_error(list.string() + ":" + std::to_string(line) + ": '" + name +
                               "' is not a row of " + table.source);
    test[it->second] = true;
  }
  return test;
}

}  // namespace

Split make_split(const FeatureTable& table, const Protocol& protocol, std::uint64_t seed,
                 double test_fraction) {
  const std::vector<int> codes = label_codes(table);
  std::vector<bool> test;
  switch (protocol.kind) {
    case Protocol::Kind::paper:
      test = stratified_test_mask(codes, test_fraction, seed);
      break;
    case Protocol::Kind::by_song: {
      std::map<std::string, int> song_index;
      std::vector<int> song_of_row, song_class;
      for (std::size_t r = 0; r < table.filenames.size(); ++r) {
        const auto [it, added] =
            song_index.emplace(song_of(table.filenames[r]), static_cast<int>(song_index.size()));
        if (added)
          song_class.push_back(codes[r]);
        else if (song_class[static_cast<std::size_t>(it->second)] != codes[r])
          throw std::runtime_error(table.source + ":" + std::to_string(table.lines[r]) +
                                   ": the windows of song '" + it->first +
                                   "' have different labels");
        song_of_row.push_back(it->second);
      }
      const std::vector<bool> test_song = stratified_test_mask(song_class, test_fraction, seed);
      for (int song : song_of_row) test.push_back(test_song[static_cast<std::size_t>(song)]);
      break;
    }
    case Protocol::Kind::split_file:
      test = split_file_mask(table, protocol.test_list);
      break;
  }
  Split split;
  for (std::size_t r = 0; r < test.size(); ++r)
    (test[r] ? split.test : split.train).push_back(static_cast<Eigen::Index>(r));
  if (split.test.empty()) throw std::runtime_error(protocol.describe() + ": no test rows");
  std::set<std::string> train_labels;
  for (Eigen::Index r : split.train) train_labels.insert(table.labels[static_cast<std::size_t>(r)]);
  for (Eigen::Index r : split.test)
    if (!train_labels.count(table.labels[static_cast<std::size_t>(r)]))
      throw std::runtime_error(protocol.describe() + ": class '" +
                               table.labels[static_cast<std::size_t>(r)] +
                               "' has no training rows");
  return split;
}

}  // namespace cadenza::classify
