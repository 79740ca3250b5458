// libFuzzer target: classify::read_feature_csv on arbitrary bytes, with GTZAN columns and with
// any labels. It may only throw std::runtime_error; an accepted table must be consistent
// (one row per line, finite numbers, the 57 columns, 3 or 30 s segments).
#include <cstdint>
#include <stdexcept>

#include "classify/feature_table.h"
#include "fuzz_file.h"

using namespace cadenza;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fuzz::write_input(data, size, ".features.csv");
  for (bool any_labels : {false, true}) {
    classify::ReadOptions options;
    options.any_labels = any_labels;
    options.require_labels = !any_labels;
    classify::FeatureTable table;
    try {
      table = classify::read_feature_csv(path, options);
    } catch (const std::runtime_error&) {
      continue;
    }
    const auto rows = static_cast<std::size_t>(table.x.rows());
    if (rows == 0 || table.filenames.size() != rows || table.lengths.size() != rows ||
        table.lines.size() != rows || (!table.labels.empty() && table.labels.size() != rows))
      fuzz::finding("inconsistent table");
    if (table.x.cols() != static_cast<Eigen::Index>(classify::gtzan_feature_columns().size()))
      fuzz::finding("wrong column count");
    if (!table.x.allFinite()) fuzz::finding("non-finite feature accepted");
    if (table.segment_seconds != 3 && table.segment_seconds != 30)
      fuzz::finding("segment length neither 3 nor 30 s");
  }
  return 0;
}
