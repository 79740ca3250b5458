#include "classify/feature_table.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/gtzan.h"
#include "common/limits.h"
#include "common/text_lines.h"

namespace cadenza::classify {
namespace {

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

[[noreturn]] void fail(const std::filesystem::path& path, int line, const std::string& what) {
  throw std::runtime_error(path.string() + ":" + std::to_string(line) + ": " + what);
}

double parse_number(const std::filesystem::path& path, int line, const std::string& column,
                    const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(begin, &end);
  if (text.empty() || end == begin || *end != '\0' || errno == ERANGE)
    fail(path, line,
         "column '" + column + "': expected a number, found '" + text.substr(0, 40) + "'");
  if (!std::isfinite(value))
    fail(path, line,
         "column '" + column + "': " + text.substr(0, 40) +
             " (NaN or infinite values cannot be classified)");
  return value;
}

// Reads the next line, bounded and free of control characters (a binary file is refused on
// its first line instead of being read whole).
bool next_line(std::istream& in, std::string& line, const std::filesystem::path& path,
               int line_number) {
  const LineRead read = read_line(in, line, limits::kMaxCsvLineBytes);
  if (read == LineRead::kEnd) return false;
  if (read == LineRead::kTooLong)
    fail(path, line_number,
         line.find('\0') != std::string::npos
             ? std::string("binary data (NUL bytes), not a features CSV")
             : "line longer than " + std::to_string(limits::kMaxCsvLineBytes) +
                   " bytes, not a features CSV");
  if (line_number == 1) strip_utf8_bom(line);
  if (const std::size_t at = find_control_character(line); at != std::string::npos)
    fail(path, line_number,
         "control character " + describe_byte(static_cast<unsigned char>(line[at])) +
             " at column " + std::to_string(at + 1) + ", not a features CSV");
  return true;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

bool is_token_column(const std::string& name) {
  return name.size() > sizeof kTokenColumnPrefix - 1 && name.rfind(kTokenColumnPrefix, 0) == 0;
}

bool are_token_columns(const std::vector<std::string>& names) {
  return !names.empty() && std::all_of(names.begin(), names.end(), is_token_column);
}

int segment_seconds_of_length(double samples) {
  const double seconds = samples / gtzan::kSampleRate;
  if (seconds > 25.0 && seconds < 35.0) return 30;
  if (seconds > 2.5 && seconds < 3.5) return 3;
  return 0;
}

std::string song_of(const std::string& filename) {
  // Strip the extension, then a trailing ".<window>" made of digits (3 s windows only have it
  // after the five-digit clip number).
  std::string stem = filename.substr(0, filename.rfind('.'));
  const auto dot = stem.rfind('.');
  if (dot != std::string::npos && dot + 1 < stem.size() && stem.size() - dot - 1 <= 2 &&
      std::all_of(stem.begin() + static_cast<long>(dot) + 1, stem.end(),
                  [](char c) { return c >= '0' && c <= '9'; }))
    stem.erase(dot);
  return stem;
}

FeatureTable read_feature_csv(const std::filesystem::path& path, const ReadOptions& options) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw std::runtime_error(path.string() + ": is a folder, expected a features CSV");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open the features CSV");
  FeatureTable table;
  table.source = path.string();
  std::string line;
  if (!next_line(in, line, path, 1)) fail(path, 1, "empty file, expected a CSV header");
  const std::vector<std::string> header = split_commas(line);

  // Locate the fixed columns and the feature columns.
  int filename_col = -1, length_col = -1, label_col = -1;
  std::vector<int> feature_cols;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (!seen.insert(name).second) fail(path, 1, "column '" + name + "' appears twice");
    if (name == "filename")
      filename_col = static_cast<int>(i);
    else if (name == "length")
      length_col = static_cast<int>(i);
    else if (name == "label")
      label_col = static_cast<int>(i);
    else {
      feature_cols.push_back(static_cast<int>(i));
      table.columns.push_back(name);
    }
  }
  if (filename_col < 0) fail(path, 1, "missing column 'filename'");
  if (length_col < 0) fail(path, 1, "missing column 'length'");
  if (label_col < 0 && options.require_labels) fail(path, 1, "missing column 'label'");
  const std::vector<std::string> own_columns = table.columns;
  const std::vector<std::string>& expected =
      !options.expected_columns.empty() ? options.expected_columns
      : are_token_columns(own_columns)  ? own_columns
                                        : gtzan::feature_columns();
  const bool token_rows = are_token_columns(expected);
  const std::set<std::string> expected_set(expected.begin(), expected.end());
  for (const auto& name : expected)
    if (!seen.count(name)) fail(path, 1, "missing feature column '" + name + "'");
  for (const auto& name : table.columns)
    if (!expected_set.count(name))
      fail(path, 1,
           "unexpected column '" + name + "' (the model uses the " +
               std::to_string(expected.size()) +
               (token_rows ? " token feature columns)" : " GTZAN feature columns)"));
  // Read features in the expected order.
  std::map<std::string, int> position;
  for (std::size_t i = 0; i < header.size(); ++i) position[header[i]] = static_cast<int>(i);
  feature_cols.clear();
  for (const auto& name : expected) feature_cols.push_back(position[name]);
  table.columns = expected;

  std::vector<std::vector<double>> rows;
  int line_number = 1;
  while (next_line(in, line, path, line_number + 1)) {
    ++line_number;
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_commas(line);
    if (fields.size() != header.size())
      fail(path, line_number,
           "expected " + std::to_string(header.size()) + " fields, found " +
               std::to_string(fields.size()));
    table.filenames.push_back(fields[static_cast<std::size_t>(filename_col)]);
    const double length =
        parse_number(path, line_number, "length", fields[static_cast<std::size_t>(length_col)]);
    table.lengths.push_back(length);
    if (label_col >= 0) {
      const std::string& label = fields[static_cast<std::size_t>(label_col)];
      if (label.empty()) fail(path, line_number, "empty label");
      const auto& genres = gtzan::genres();
      if (!options.any_labels && std::find(genres.begin(), genres.end(), label) == genres.end())
        fail(path, line_number,
             "unknown label '" + label + "' (expected one of " + join(genres) +
                 "; --any-labels accepts other labels)");
      table.labels.push_back(label);
    }
    std::vector<double> row;
    for (std::size_t i = 0; i < feature_cols.size(); ++i)
      row.push_back(parse_number(path, line_number, expected[i],
                                 fields[static_cast<std::size_t>(feature_cols[i])]));
    rows.push_back(std::move(row));
    table.lines.push_back(line_number);
  }
  if (rows.empty()) fail(path, line_number, "no data rows after the header");

  table.x.resize(static_cast<Eigen::Index>(rows.size()),
                 static_cast<Eigen::Index>(expected.size()));
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < expected.size(); ++c)
      table.x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];

  // Every row must come from segments of one length: 30 s clips or 3 s windows (token rows
  // describe whole pieces or their first bars: no segment length).
  if (token_rows) return table;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const int seconds = segment_seconds_of_length(table.lengths[r]);
    if (seconds == 0)
      fail(path, table.lines[r],
           "length " + std::to_string(static_cast<long long>(table.lengths[r])) +
               " samples is neither a 30 s clip (" + std::to_string(gtzan::kClipSamples) +
               ") nor a 3 s window (" + std::to_string(gtzan::kThreeSecondSamples) + ")");
    if (table.segment_seconds == 0) table.segment_seconds = seconds;
    if (seconds != table.segment_seconds)
      fail(path, table.lines[r],
           "a " + std::to_string(seconds) + " s row in a file of " +
               std::to_string(table.segment_seconds) + " s rows");
  }
  return table;
}

}  // namespace cadenza::classify
