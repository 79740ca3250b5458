#include "data/validation_list.h"

#include <fstream>
#include <stdexcept>

#include "common/text_lines.h"

namespace cadenza::data {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = line.find_last_not_of(" \t");
  return line.substr(first, last - first + 1);
}

}  // namespace

ValidationList read_validation_list(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open validation list");
  ValidationList list;
  list.source = path;
  std::string line;
  constexpr std::size_t kMaxLine = 4096;
  for (std::size_t number = 1;; ++number) {
    const LineRead read = read_line(in, line, kMaxLine);
    if (read == LineRead::kEnd) break;
    const std::string where = path.string() + ":" + std::to_string(number) + ": ";
    if (read == LineRead::kTooLong)
      throw std::runtime_error(where + "line over " + std::to_string(kMaxLine) +
                               " bytes: not a validation list");
    if (number == 1) strip_utf8_bom(line);
    const std::size_t control = find_control_character(line);
    if (control != std::string::npos)
      throw std::runtime_error(where + "control character " +
                               describe_byte(static_cast<unsigned char>(line[control])) +
                               ": expected one file name per line");
    const std::string entry = trimmed(line);
    if (entry.empty() || entry[0] == '#') continue;
    list.entries.push_back({entry, number});
  }
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  if (list.entries.empty())
    throw std::runtime_error(path.string() + ": no entry (expected 'collection/file' lines)");
  return list;
}

bool validation_entry_matches(const std::string& entry, const std::string& document) {
  if (document == entry || ends_with(document, "/" + entry)) return true;
  const auto slash = entry.find('/');
  return slash != std::string::npos && document == entry.substr(slash + 1);
}

std::vector<bool> mark_validation_documents(const ValidationList& list,
                                            const std::vector<std::string>& documents,
                                            const std::string& what) {
  std::vector<bool> validation(documents.size(), false);
  for (const ValidationEntry& entry : list.entries) {
    bool found = false;
    for (std::size_t i = 0; i < documents.size(); ++i) {
      if (!validation_entry_matches(entry.name, documents[i])) continue;
      validation[i] = true;
      found = true;
    }
    if (!found)
      throw std::runtime_error(list.source.string() + ":" + std::to_string(entry.line) + ": '" +
                               entry.name + "' matches no document of " + what);
  }
  return validation;
}

}  // namespace cadenza::data
