#include "genre/bar_chart_png.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "classify/bitmap_font.h"
#include "common/atomic_file.h"
#include "common/png.h"

namespace cadenza::genre {
namespace {

struct Rgb {
  std::uint8_t r, g, b;
};

const Rgb kSeries[] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40}};
const Rgb kSeriesDark[] = {{18, 70, 108}, {178, 88, 8}, {26, 96, 26}, {140, 24, 26}};
const Rgb kBlack{0, 0, 0}, kGrid{220, 220, 220}, kAxis{90, 90, 90};

class Canvas {
 public:
  static constexpr int kScale = 2, kCharWidth = 12, kCharHeight = 14;

  Canvas(int width, int height)
      : width_(width),
        height_(height),
        pixels_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3, 255) {}

  void fill(int x0, int y0, int w, int h, Rgb c) {
    for (int y = std::max(0, y0); y < std::min(height_, y0 + h); ++y)
      for (int x = std::max(0, x0); x < std::min(width_, x0 + w); ++x) {
        std::uint8_t* p = &pixels_[(static_cast<std::size_t>(y) * width_ + x) * 3];
        p[0] = c.r;
        p[1] = c.g;
        p[2] = c.b;
      }
  }

  // Left to right, top-left corner at (x, y).
  void text(int x, int y, const std::string& s, Rgb c) {
    for (char ch : s) {
      const auto rows = classify::glyph(ch);
      const int drop = kScale * classify::glyph_drop(ch);
      for (int row = 0; row < 7; ++row)
        for (int col = 0; col < 5; ++col)
          if (rows[static_cast<std::size_t>(row)] & (0x10 >> col))
            fill(x + kScale * col, y + drop + kScale * row, kScale, kScale, c);
      x += kCharWidth;
    }
  }

  // Bottom to top (turned 90 degrees counter-clockwise): the first character at the bottom,
  // its left edge on y_bottom, the glyphs' tops facing left at x.
  void text_up(int x, int y_bottom, const std::string& s, Rgb c) {
    int y = y_bottom;
    for (char ch : s) {
      const auto rows = classify::glyph(ch);
      const int drop = kScale * classify::glyph_drop(ch);
      for (int row = 0; row < 7; ++row)
        for (int col = 0; col < 5; ++col)
          if (rows[static_cast<std::size_t>(row)] & (0x10 >> col))
            fill(x + drop + kScale * row, y - kScale * (col + 1), kScale, kScale, c);
      y -= kCharWidth;
    }
  }

  const std::uint8_t* data() const { return pixels_.data(); }
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_, height_;
  std::vector<std::uint8_t> pixels_;
};

constexpr int kPad = 16, kWideBar = 64, kPlotHeight = 320, kMaxLabel = 30;

int text_width(const std::string& s) { return static_cast<int>(s.size()) * Canvas::kCharWidth; }

Rgb series_colour(int series, bool dark) {
  const int i = std::clamp(series, 0, 3);
  return dark ? kSeriesDark[i] : kSeries[i];
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

  const int line = Canvas::kCharHeight + 8;
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
  const int spans_height = chart.spans.empty() ? 0 : Canvas::kCharHeight + 16;
  const int height = plot_bottom + 8 +
                     std::max(spans_height, static_cast<int>(longest) * Canvas::kCharWidth) + kPad;
  Canvas canvas(width, height);

  canvas.text(kPad, kPad, chart.title, kBlack);
  canvas.text(kPad, kPad + line, chart.subtitle, kAxis);
  int lx = plot_left;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    canvas.fill(lx, legend_top, 14, 14, series_colour(static_cast<int>(s), false));
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
    canvas.fill(plot_left, y_of(v), plot_right - plot_left, 1, tick == 0 ? kAxis : kGrid);
    canvas.text(kPad, y_of(v) - Canvas::kCharHeight / 2, label, kAxis);
  }
  canvas.fill(plot_left, plot_top, 1, kPlotHeight + 1, kAxis);

  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& bar = chart.bars[i];
    const int w = bar.wide ? kWideBar : chart.bar_width;
    const int top = y_of(bar.value);
    canvas.fill(lefts[i], top, w, plot_bottom - top, series_colour(bar.series, bar.wide));
    if (bar.error >= 0) {
      const int hi = y_of(bar.value + bar.error), lo = y_of(bar.value - bar.error);
      const int mid = lefts[i] + w / 2;
      canvas.fill(mid - 1, hi, 2, lo - hi + 1, kBlack);
      canvas.fill(mid - 6, hi, 12, 2, kBlack);
      canvas.fill(mid - 6, lo - 1, 12, 2, kBlack);
    }
    if (bar.wide) {
      char value[16];
      std::snprintf(value, sizeof value, "%.3f", bar.value);
      const int hi = bar.error >= 0 ? y_of(bar.value + bar.error) : top;
      canvas.text(lefts[i] + (w - text_width(value)) / 2, hi - Canvas::kCharHeight - 4, value,
                  kBlack);
    }
    const std::string label = bar.label.substr(0, kMaxLabel);
    canvas.text_up(lefts[i] + (w - Canvas::kCharHeight) / 2, plot_bottom + 8 + text_width(label),
                   label, kBlack);
  }
  for (const Span& span : chart.spans) {
    const int x0 = lefts[span.first];
    const int x1 = lefts[span.last] + (chart.bars[span.last].wide ? kWideBar : chart.bar_width);
    canvas.fill(x0, plot_bottom + 6, x1 - x0, 2, kAxis);
    canvas.fill(x0, plot_bottom + 2, 2, 6, kAxis);
    canvas.fill(x1 - 2, plot_bottom + 2, 2, 6, kAxis);
    canvas.text(std::max(x0, (x0 + x1 - text_width(span.label)) / 2), plot_bottom + 14, span.label,
                kBlack);
  }
  return encode_png(canvas.data(), canvas.width(), canvas.height(), 3);
}

void write_bar_chart_png(const BarChart& chart, const std::filesystem::path& path) {
  write_file_atomically(path, render_bar_chart(chart));
}

}  // namespace cadenza::genre
