#pragma once
// MidiTok 2.1.8's reference tokens (shared/data/midi/<collection>.<remi|tsd>.tsv.gz): one line
// per file, name TAB tokens separated by spaces. Read through `gzip -dc`.
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cadenza::testing {

inline const std::vector<std::string>& miditok_collections() {
  static const std::vector<std::string> names = {"wjazzd_solos", "kaggle_jazz_subset_lstm_music",
                                                 "midkar_jazz", "nottingham_folk", "pop909"};
  return names;
}

// name -> the token line (tokens separated by single spaces).
inline std::map<std::string, std::string> read_miditok_goldens(const std::string& gz_path) {
  const std::string command = "gzip -dc '" + gz_path + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string text;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) text.append(buffer, n);
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::size_t tab = text.find('\t', start);
    if (tab < end) out[text.substr(start, tab - start)] = text.substr(tab + 1, end - tab - 1);
    start = end + 1;
  }
  return out;
}

inline std::string join_tokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i) out += ' ';
    out += tokens[i];
  }
  return out;
}

}  // namespace cadenza::testing
