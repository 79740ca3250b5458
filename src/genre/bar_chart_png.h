#pragma once
// A bar chart of probabilities (y from 0 to 1) as a PNG: bars coloured by series, optional
// error whiskers and value labels, the bar labels written vertically under the axis.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::genre {

struct Bar {
  std::string label;
  double value = 0;            // clamped to [0, 1]
  int series = 0;              // index into BarChart::series (colour and legend)
  double error = -1;           // drawn as a whisker +- error when >= 0
  bool wide = false;           // a summary bar (mean): wider, darker, its value written above it
  int gap_before = 0;          // extra pixels before the bar (to separate groups)
  double low = -1, high = -1;  // a whisker from low to high (an interval) when both >= 0
};

// A caption written under a run of bars (e.g. a group whose bars are too narrow to label),
// below the bars' own labels.
struct Span {
  std::string label;
  std::size_t first = 0, last = 0;  // bar indices, inclusive
};

struct BarChart {
  std::string title, subtitle;
  std::vector<std::string> series;  // legend entries
  std::vector<Bar> bars;
  std::vector<Span> spans;
  int bar_width = 16, bar_gap = 4;  // of the narrow bars (labels need 16 pixels)
};

// PNG bytes of the chart; throws std::invalid_argument for a chart without bars.
std::string render_bar_chart(const BarChart& chart);

// Written atomically; throws std::runtime_error naming the path on failure.
void write_bar_chart_png(const BarChart& chart, const std::filesystem::path& path);

}  // namespace cadenza::genre
