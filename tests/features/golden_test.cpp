// Golden rows: our values against librosa 0.9.2's own (../shared/data/gtzan/librosa/), per
// column as |error| / (std of the column over all reference rows): median <= 1e-3 and
// max <= 1e-2 over the rows checked here; tempo exactly equal.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "features/extract.h"
#include "features/gtzan.h"
#include "support/shared_data.h"

namespace fs = std::filesystem;
using namespace cadenza::features;

namespace {

struct ReferenceCsv {
  std::vector<std::string> header;
  std::map<std::string, std::vector<double>> rows;  // filename -> numeric values
  std::vector<double> stddev;                       // per numeric column
};

ReferenceCsv read_reference(const fs::path& path) {
  ReferenceCsv csv;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::stringstream header(line);
  for (std::string cell; std::getline(header, cell, ',');) csv.header.push_back(cell);
  std::vector<std::vector<double>> all;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string name, cell;
    std::getline(row, name, ',');
    std::vector<double> values;
    for (size_t i = 1; i + 1 < csv.header.size() && std::getline(row, cell, ','); ++i)
      values.push_back(std::stod(cell));
    csv.rows[name] = values;
    all.push_back(values);
  }
  const size_t columns = csv.header.size() - 2;
  csv.stddev.assign(columns, 0.0);
  for (size_t c = 0; c < columns; ++c) {
    double mean = 0, var = 0;
    for (const auto& r : all) mean += r[c];
    mean /= all.size();
    for (const auto& r : all) var += (r[c] - mean) * (r[c] - mean);
    csv.stddev[c] = std::sqrt(var / all.size());
  }
  return csv;
}

void expect_rows_match(const ReferenceCsv& reference, const std::vector<FeatureRow>& rows) {
  const std::vector<std::string> columns = gtzan_value_columns();
  ASSERT_EQ(columns.size() + 2, reference.header.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    ASSERT_EQ(columns[c], reference.header[c + 1]);
    std::vector<double> errors;
    for (const FeatureRow& row : rows) {
      const auto it = reference.rows.find(row.filename);
      ASSERT_NE(it, reference.rows.end()) << row.filename;
      const double expected = it->second[c], actual = row.values[c];
      if (columns[c] == "tempo") {
        EXPECT_EQ(actual, expected) << row.filename;
        continue;
      }
      const double scale = reference.stddev[c] > 0 ? reference.stddev[c] : 1.0;
      errors.push_back(std::abs(actual - expected) / scale);
      EXPECT_LE(errors.back(), 1e-2)
          << columns[c] << " of " << row.filename << ": " << actual << " vs librosa " << expected;
    }
    if (errors.empty()) continue;
    std::sort(errors.begin(), errors.end());
    EXPECT_LE(errors[errors.size() / 2], 1e-3) << "median error of " << columns[c];
  }
}

fs::path gtzan(const std::string& relative) {
  return cadenza::testing::shared_data_dir() / "gtzan" / relative;
}

}  // namespace

TEST(GoldenRows, ThirtySecondRowsMatchLibrosa) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/librosa/features_30_sec.csv");
  const ReferenceCsv reference = read_reference(gtzan("librosa/features_30_sec.csv"));
  std::vector<FeatureRow> rows;
  for (const char* clip : {"audio/blues/blues.00001.wav", "audio/classical/classical.00003.flac",
                           "audio/jazz/jazz.00007.flac", "audio/rock/rock.00012.flac"}) {
    const FileResult result = extract_file(gtzan(clip), {});
    ASSERT_TRUE(result.error.empty()) << result.error;
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].label, fs::path(clip).parent_path().filename().string());
    rows.push_back(result.rows[0]);
  }
  expect_rows_match(reference, rows);
}

TEST(GoldenRows, ThreeSecondRowsMatchLibrosa) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/librosa/features_3_sec.csv");
  const ReferenceCsv reference = read_reference(gtzan("librosa/features_3_sec.csv"));
  ExtractOptions options;
  options.segment = SegmentMode::kThreeSeconds;
  const FileResult result = extract_file(gtzan("audio/rock/rock.00005.flac"), options);
  ASSERT_TRUE(result.error.empty()) << result.error;
  ASSERT_EQ(result.rows.size(), 10u);
  EXPECT_EQ(result.rows[0].filename, "rock.00005.0.wav");
  EXPECT_EQ(result.rows[9].filename, "rock.00005.9.wav");
  EXPECT_EQ(result.rows[3].values[0], 66149.0);
  expect_rows_match(reference, result.rows);
}
