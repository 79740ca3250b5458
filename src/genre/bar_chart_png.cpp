#include "genre/bar_chart_png.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "common/atomic_file.h"
#include "draw/canvas.h"

namespace cadenza::genre {
namespace {

using draw::Rgb;
using draw::text_width;
constexpr Rgb kBlack = draw::colours::kBlack, kGrid = draw::colours::kGrid,
              kAxis = draw::colours::kAxis;
constexpr int kCharWidth = draw::char_width(), kCharHeight = draw::char_height();
constexpr int kPad = 16, kWideBar = 64, kPlotHeight = 320, kMaxLabel = 30;

// A summary (wide) bar in a darker shade of its series.
Rgb series_colour(int series, bool dark) {
  const Rgb colour =
      draw::cycled(draw::kSeriesOnLight, static_cast<std::size_t>(std::max(series, 0)));
  return dark ? draw::scaled(colour, 0.65) : colour;
}

}  // namespace

std::string render_bar_chart(const BarChart& chart) {
  if (chart.bars.empty()) throw std::invalid_argument("bar chart: no bars");
  if (chart.bar_width < 1 || chart.bar_gap < 0)
    throw std::invalid_argument("bar chart: bar width must be >= 1 and the gap >= 0");
  for (const Span& span : chart.spans)
    if (span.first > span.last || span.last >= chart.bars.size())
      throw std::invalid_argument("bar chart: a span outside the bars");
  std::size_t longest = 0;
  for (const Bar& bar : chart.bars)
    longest = std::max(longest, std::min<std::size_t>(bar.label.size(), kMaxLabel));

  const int line = kCharHeight + 8;
  const int legend_top = kPad + 2 * line;
  const int plot_top = legend_top + line + 24;  // room for the value above a full bar
  const int plot_bottom = plot_top + kPlotHeight;
  const int plot_left = kPad + text_width("1.0") + 10;
  int x = plot_left + 10;
  std::vector<int> lefts;
  for (const Bar& bar : chart.bars) {
    x += bar.gap_before;
    lefts.push_back(x);
    x += (bar.wide ? kWideBar + 4 : chart.bar_width + chart.bar_gap);
  }
  const int plot_right = x + 6;
  int legend_width = 0;
  for (const auto& s : chart.series) legend_width += 20 + text_width(s) + 24;
  const int width = std::max({plot_right + kPad, kPad + text_width(chart.title) + kPad,
                              kPad + text_width(chart.subtitle) + kPad, plot_left + legend_width});
  const int labels_depth = static_cast<int>(longest) * kCharWidth;  // written upwards
  const int spans_top = plot_bottom + (labels_depth > 0 ? 8 + labels_depth + 6 : 0);
  const int spans_height = chart.spans.empty() ? 0 : kCharHeight + 16;
  const int height = std::max(plot_bottom + 8 + labels_depth, spans_top + spans_height) + kPad;
  draw::Canvas canvas(width, height);

  canvas.text(kPad, kPad, chart.title, kBlack);
  canvas.text(kPad, kPad + line, chart.subtitle, kAxis);
  int lx = plot_left;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    canvas.fill_rect(lx, legend_top, 14, 14, series_colour(static_cast<int>(s), false));
    canvas.text(lx + 20, legend_top, chart.series[s], kBlack);
    lx += 20 + text_width(chart.series[s]) + 24;
  }

  const auto y_of = [&](double v) {
    return plot_bottom - static_cast<int>(std::clamp(v, 0.0, 1.0) * kPlotHeight + 0.5);
  };
  for (int tick = 0; tick <= 5; ++tick) {
    const double v = tick / 5.0;
    char label[8];
    std::snprintf(label, sizeof label, "%.1f", v);
    canvas.fill_rect(plot_left, y_of(v), plot_right - plot_left, 1, tick == 0 ? kAxis : kGrid);
    canvas.text(kPad, y_of(v) - kCharHeight / 2, label, kAxis);
  }
  canvas.fill_rect(plot_left, plot_top, 1, kPlotHeight + 1, kAxis);

  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const int w = bar.wide ? kWideBar : chart.bar_width;
    const int top = y_of(bar.value);
    canvas.fill_rect(lefts[i], top, w, plot_bottom - top, series_colour(bar.series, bar.wide));
    const bool interval = bar.low >= 0 && bar.high >= 0;
    if (interval || bar.error >= 0) {
      const int hi = y_of(interval ? bar.high : bar.value + bar.error);
      const int lo = y_of(interval ? bar.low : bar.value - bar.error);
      const int mid = lefts[i] + w / 2;
      canvas.fill_rect(mid - 1, hi, 2, lo - hi + 1, kBlack);
      canvas.fill_rect(mid - 6, hi, 12, 2, kBlack);
      canvas.fill_rect(mid - 6, lo - 1, 12, 2, kBlack);
    }
    if (bar.wide) {
      char value[16];
      std::snprintf(value, sizeof value, "%.3f", bar.value);
      const int hi = bar.error >= 0 ? y_of(bar.value + bar.error) : top;
      canvas.text(lefts[i] + (w - text_width(value)) / 2, hi - kCharHeight - 4, value, kBlack);
    }
    const std::string label = bar.label.substr(0, kMaxLabel);
    canvas.text_up(lefts[i] + (w - kCharHeight) / 2, plot_bottom + 8 + text_width(label), label,
                   kBlack);
  }
  for (const Span& span : chart.spans) {
    const int x0 = lefts[span.first];
    const int x1 = lefts[span.last] + (chart.bars[span.last].wide ? kWideBar : chart.bar_width);
    canvas.fill_rect(x0, spans_top + 6, x1 - x0, 2, kAxis);
    canvas.fill_rect(x0, spans_top + 2, 2, 6, kAxis);
    canvas.fill_rect(x1 - 2, spans_top + 2, 2, 6, kAxis);
    canvas.text(std::max(x0, (x0 + x1 - text_width(span.label)) / 2), spans_top + 14, span.label,
                kBlack);
  }
  return canvas.png();
}

void write_bar_chart_png(const BarChart& chart, const std::filesystem::path& path) {
  write_file_atomically(path, render_bar_chart(chart));
}

}  // namespace cadenza::genre
