#pragma once
// One small histogram per measure, real pieces against generated ones in two colours (the
// share of each set's pieces per bin, so sets of different sizes compare), the range of values
// and the overlapping area under each panel. Drawn with the charts' bitmap font (genre/
// bar_chart_png.cpp draws the same way).
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::eval {

struct HistogramPanel {
  std::string title;                    // the measure's name
  std::vector<double> real, generated;  // NaN values are left out
  double overlapping_area = -1;         // written under the bars when >= 0
};

struct HistogramSheet {
  std::string title, real_label = "real", generated_label = "generated";
  std::vector<HistogramPanel> panels;
  int columns = 3, bins = 16;
};

// PNG bytes; throws std::invalid_argument for a sheet without panels or bins < 1.
std::string render_histograms(const HistogramSheet& sheet);
// Written atomically; throws std::runtime_error naming the path on failure.
void write_histograms_png(const HistogramSheet& sheet, const std::filesystem::path& path);

}  // namespace cadenza::eval
