#include "eval/histogram_png.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "common/atomic_file.h"
#include "draw/canvas.h"

namespace cadenza::eval {
namespace {

using draw::Canvas;
using draw::Rgb;

const Rgb kReal = draw::kSeriesOnLight[0], kGenerated = draw::kSeriesOnLight[1], kBlack{0, 0, 0},
          kAxis = draw::colours::kAxis, kFrame{200, 200, 200};

constexpr int kPad = 16, kPanelWidth = 360, kPlotHeight = 110, kPlotLeft = 8;
constexpr int kLine = draw::char_height() + 8;
constexpr int kPanelHeight = kLine + kPlotHeight + kLine + 12;

std::string fit(const std::string& s, int pixels) {
  const auto chars = static_cast<std::size_t>(std::max(pixels / draw::char_width(), 1));
  return s.size() <= chars ? s : s.substr(0, chars);
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

std::vector<double> shares(const std::vector<double>& values, double low, double width, int bins) {
  std::vector<double> counts(static_cast<std::size_t>(bins), 0);
  double total = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    const int bin = std::clamp(static_cast<int>(std::floor((v - low) / width)), 0, bins - 1);
    counts[static_cast<std::size_t>(bin)] += 1;
    total += 1;
  }
  if (total > 0)
    for (double& c : counts) c /= total;
  return counts;
}

void draw_panel(Canvas& canvas, int left, int top, const HistogramPanel& panel, int bins) {
  canvas.text(left, top, fit(panel.title, kPanelWidth - 8), kBlack);
  double low = INFINITY, high = -INFINITY;
  for (const auto* set : {&panel.real, &panel.generated})
    for (double v : *set)
      if (!std::isnan(v)) low = std::min(low, v), high = std::max(high, v);
  const int plot_top = top + kLine, plot_bottom = plot_top + kPlotHeight;
  const int plot_left = left + kPlotLeft, plot_width = kPanelWidth - 2 * kPlotLeft - 16;
  canvas.fill_rect(plot_left, plot_top, 1, kPlotHeight, kFrame);
  canvas.fill_rect(plot_left, plot_bottom, plot_width, 1, kAxis);
  if (low > high) {
    canvas.text(plot_left + 8, plot_top + kPlotHeight / 2, "no values", kAxis);
    return;
  }
  if (high == low) low -= 0.5, high += 0.5;
  const double width = (high - low) / bins;
  const std::vector<double> real = shares(panel.real, low, width, bins);
  const std::vector<double> generated = shares(panel.generated, low, width, bins);
  const double tallest = std::max(*std::max_element(real.begin(), real.end()),
                                  *std::max_element(generated.begin(), generated.end()));
  const int bin_pixels = plot_width / bins;
  for (int b = 0; b < bins; ++b) {
    const int x = plot_left + 1 + b * bin_pixels;
    const int half = std::max((bin_pixels - 2) / 2, 1);
    const auto height = [&](double share) {
      return tallest > 0 ? static_cast<int>(share / tallest * (kPlotHeight - 4) + 0.5) : 0;
    };
    const int hr = height(real[static_cast<std::size_t>(b)]);
    const int hg = height(generated[static_cast<std::size_t>(b)]);
    canvas.fill_rect(x, plot_bottom - hr, half, hr, kReal);
    canvas.fill_rect(x + half, plot_bottom - hg, half, hg, kGenerated);
  }
  const std::string lo = number(low), hi = number(high);
  canvas.text(plot_left, plot_bottom + 6, lo, kAxis);
  canvas.text(plot_left + bins * bin_pixels - draw::text_width(hi), plot_bottom + 6, hi, kAxis);
  if (panel.overlapping_area >= 0) {  // between the axis labels
    const std::string area = "overlap " + number(panel.overlapping_area);
    canvas.text(plot_left + (bins * bin_pixels - draw::text_width(area)) / 2, plot_bottom + 6, area,
                kBlack);
  }
}

}  // namespace

std::string render_histograms(const HistogramSheet& sheet) {
  if (sheet.panels.empty()) throw std::invalid_argument("histograms: no panels");
  if (sheet.bins < 1 || sheet.columns < 1)
    throw std::invalid_argument("histograms: bins and columns must be >= 1");
  const int columns = std::min<int>(sheet.columns, static_cast<int>(sheet.panels.size()));
  const int rows = (static_cast<int>(sheet.panels.size()) + columns - 1) / columns;
  const int header = 2 * kLine + 8;
  const int width =
      std::max(2 * kPad + columns * kPanelWidth, 2 * kPad + draw::text_width(sheet.title));
  const int height = kPad + header + rows * kPanelHeight + kPad;
  Canvas canvas(width, height);
  canvas.text(kPad, kPad, sheet.title, kBlack);
  int x = kPad;
  for (const auto& [label, colour] :
       {std::pair{sheet.real_label, kReal}, std::pair{sheet.generated_label, kGenerated}}) {
    canvas.fill_rect(x, kPad + kLine, 14, 14, colour);
    canvas.text(x + 20, kPad + kLine, label, kBlack);
    x += 20 + draw::text_width(label) + 24;
  }
  for (std::size_t i = 0; i < sheet.panels.size(); ++i) {
    const int column = static_cast<int>(i) % columns, row = static_cast<int>(i) / columns;
    draw_panel(canvas, kPad + column * kPanelWidth, kPad + header + row * kPanelHeight,
               sheet.panels[i], sheet.bins);
  }
  return canvas.png();
}

void write_histograms_png(const HistogramSheet& sheet, const std::filesystem::path& path) {
  write_file_atomically(path, render_histograms(sheet));
}

}  // namespace cadenza::eval
