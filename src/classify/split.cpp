#include "classify/split.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace cadenza::classify {

namespace {
int parse_block_start(const std::string& number, const std::string& text);
}  // namespace

std::string Protocol::describe() const {
  switch (kind) {
    case Kind::paper:
      return "paper";
    case Kind::by_song:
      return "by-song";
    case Kind::by_block:
      return block_start < 0 ? "by-block" : "by-block:" + std::to_string(block_start);
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
  if (text == "by-block" || text.rfind("by-block:", 0) == 0) {
    protocol.kind = Protocol::Kind::by_block;
    if (text.size() > 8) protocol.block_start = parse_block_start(text.substr(9), text);
    return protocol;
  }
  if (text.rfind("split:", 0) == 0 && text.size() > 6) {
    protocol.kind = Protocol::Kind::split_file;
    protocol.test_list = text.substr(6);
    return protocol;
  }
  throw std::invalid_argument(
      "--protocol '" + text +
      "': expected paper, by-song, by-block, by-block:<first test clip> or split:<file of test "
      "rows>");
}

namespace {
int parse_block_start(const std::string& number, const std::string& text) {
  if (number.empty() || number.size() > 9 ||
      !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw std::invalid_argument("--protocol '" + text +
                                "': expected by-block:<first test clip number>, e.g. by-block:20");
  return std::stoi(number);
}
}  // namespace

long clip_number(const std::string& name) {
  auto digits_after_last_dot = [](const std::string& text) -> std::string {
    const auto dot = text.rfind('.');
    const std::string tail = dot == std::string::npos ? "" : text.substr(dot + 1);
    const bool digits =
        !tail.empty() && tail.size() <= 9 &&
        std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; });
    return digits ? tail : "";
  };
  // A stem ("jazz.00023") ends in the clip number (3 s window numbers have at most 2 digits);
  // a file name ("jazz.00023.flac", "jazz.00023.4.wav") has it before the extension.
  std::string digits = digits_after_last_dot(name);
  if (digits.size() < 3) digits = digits_after_last_dot(song_of(name));
  return digits.empty() ? -1 : std::stol(digits);
}

std::vector<bool> block_test_mask(const std::vector<std::string>& song_names,
                                  const std::vector<int>& song_class, int block_start,
                                  double fraction) {
  std::vector<bool> test(song_names.size(), false);
  if (block_start >= 0) {
    for (std::size_t s = 0; s < song_names.size(); ++s) {
      const long number = clip_number(song_names[s]);
      if (number < 0)
        throw std::runtime_error("'" + song_names[s] +
                                 "': no clip number in the name (by-block:N needs names like "
                                 "jazz.00023.wav; plain by-block splits by name order)");
      test[s] = number >= block_start;
    }
    return test;
  }
  return name_order_block(song_names, song_class, fraction, true);
}

std::vector<bool> name_order_block(const std::vector<std::string>& song_names,
                                   const std::vector<int>& song_class, double fraction,
                                   bool at_end) {
  std::vector<bool> chosen(song_names.size(), false);
  std::map<int, std::vector<std::size_t>> by_class;
  for (std::size_t s = 0; s < song_class.size(); ++s) by_class[song_class[s]].push_back(s);
  for (auto& [label, songs] : by_class) {
    std::stable_sort(songs.begin(), songs.end(),
                     [&](std::size_t a, std::size_t b) { return song_names[a] < song_names[b]; });
    const long n = static_cast<long>(songs.size());
    if (n < 2) continue;  // a single song stays on the other side
    const long n_chosen = std::clamp(std::lround(fraction * static_cast<double>(n)), 1L, n - 1);
    const long first = at_end ? n - n_chosen : 0;
    for (long i = first; i < first + n_chosen; ++i)
      chosen[songs[static_cast<std::size_t>(i)]] = true;
  }
  return chosen;
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

// The songs of the rows (all windows `<stem>.<k>.wav` of a clip are one song).
struct Songs {
  std::vector<std::string> names;
  std::vector<int> song_class, song_of_row;
};

Songs songs_of_rows(const FeatureTable& table, const std::vector<int>& codes) {
  Songs songs;
  std::map<std::string, int> song_index;
  for (std::size_t r = 0; r < table.filenames.size(); ++r) {
    const auto [it, added] =
        song_index.emplace(song_of(table.filenames[r]), static_cast<int>(song_index.size()));
    if (added) {
      songs.names.push_back(it->first);
      songs.song_class.push_back(codes[r]);
    } else if (songs.song_class[static_cast<std::size_t>(it->second)] != codes[r]) {
      throw std::runtime_error(table.source + ":" + std::to_string(table.lines[r]) +
                               ": the windows of song '" + it->first + "' have different labels");
    }
    songs.song_of_row.push_back(it->second);
  }
  return songs;
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
    case Protocol::Kind::by_song:
    case Protocol::Kind::by_block: {
      const Songs songs = songs_of_rows(table, codes);
      const std::vector<bool> test_song =
          protocol.kind == Protocol::Kind::by_song
              ? stratified_test_mask(songs.song_class, test_fraction, seed)
              : block_test_mask(songs.names, songs.song_class, protocol.block_start,
                                kBlockTestFraction);
      for (int song : songs.song_of_row) test.push_back(test_song[static_cast<std::size_t>(song)]);
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
