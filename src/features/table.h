#pragma once
// Feature rows of audio files and their CSV / JSON output in the GTZAN layout:
// filename, the numeric columns, label. Numbers are printed as Python's repr prints them
// (shortest round-trip digits), so the CSV reads like the one librosa + pandas wrote.
#include <ostream>
#include <string>
#include <vector>

namespace cadenza::features {

struct FeatureRow {
  std::string filename;
  std::vector<double> values;  // in the order of the table's columns
  std::string label;
};

// The rows of one extraction with their column names (not classify::FeatureTable, the CSV
// read back for a model).
struct FeatureRows {
  std::vector<std::string> columns;  // numeric columns (gtzan_value_columns)
  std::vector<FeatureRow> rows;
};

// Python repr of a float: "123.046875", "7.457355968654156e-05", "0.0", "nan".
std::string format_python_float(double value);

void write_csv(std::ostream& out, const FeatureRows& table);
void write_json(std::ostream& out, const FeatureRows& table);

}  // namespace cadenza::features
