#include "features/table.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace cadenza::features {

std::string format_python_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return std::signbit(value) ? "-0.0" : "0.0";
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string scientific(buffer, result.ptr);  // e.g. "-1.7841226412753106e+03"
  const size_t e = scientific.find('e');
  const int exponent = std::atoi(scientific.c_str() + e + 1);
  const bool negative = scientific[0] == '-';
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < e; ++i)
    if (scientific[i] != '.') digits += scientific[i];
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0." + std::string(-exponent - 1, '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exponent + 1) {
      out += digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char exp_text[16];
  std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  return out + exp_text;
}

namespace {
std::string format_cell(const std::string& column, double value) {
  if (column == "length") return std::to_string(static_cast<long long>(value));
  return format_python_float(value);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}
}  // namespace

void write_csv(std::ostream& out, const FeatureRows& table) {
  out << "filename";
  for (const std::string& column : table.columns) out << ',' << column;
  out << ",label\n";
  for (const FeatureRow& row : table.rows) {
    out << csv_field(row.filename);
    for (size_t i = 0; i < table.columns.size(); ++i)
      out << ',' << format_cell(table.columns[i], row.values[i]);
    out << ',' << csv_field(row.label) << '\n';
  }
}

void write_json(std::ostream& out, const FeatureRows& table) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const FeatureRow& row : table.rows) {
    nlohmann::ordered_json object;
    object["filename"] = row.filename;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const double v = row.values[i];
      if (table.columns[i] == "length")
        object[table.columns[i]] = static_cast<long long>(v);
      else
        object[table.columns[i]] = std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr;
    }
    object["label"] = row.label;
    rows.push_back(std::move(object));
  }
  out << rows.dump(1) << '\n';
}

}  // namespace cadenza::features
