// A minimal line plot drawn into an RGB buffer and written with libpng: enough to see at a
// glance whether training converges (no axis labels; the CSV has the numbers).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "common/atomic_file.h"
#include "common/png.h"
#include "train/metrics.h"

namespace cadenza::train {
namespace {
constexpr int kWidth = 640, kHeight = 400, kMargin = 40;
using Rgb = std::array<unsigned char, 3>;

struct Canvas {
  std::vector<unsigned char> pixels = std::vector<unsigned char>(kWidth * kHeight * 3, 255);
  void set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) return;
    std::copy(c.begin(), c.end(), pixels.begin() + (y * kWidth + x) * 3);
  }
  void line(double x0, double y0, double x1, double y1, Rgb c) {
    int steps = static_cast<int>(std::max(std::abs(x1 - x0), std::abs(y1 - y0))) + 1;
    for (int i = 0; i <= steps; ++i) {
      double t = static_cast<double>(i) / steps;
      int x = static_cast<int>(std::lround(x0 + t * (x1 - x0)));
      int y = static_cast<int>(std::lround(y0 + t * (y1 - y0)));
      for (int dx = 0; dx < 2; ++dx)
        for (int dy = 0; dy < 2; ++dy) set(x + dx, y + dy, c);
    }
  }
};

}  // namespace

void write_loss_plot(const std::filesystem::path& path, const std::vector<EpochMetrics>& history) {
  struct Series {
    double EpochMetrics::*member;
    Rgb color;
  };
  const Series series[] = {{&EpochMetrics::train_total, {31, 119, 180}},       // blue
                           {&EpochMetrics::validation_total, {255, 127, 14}},  // orange
                           {&EpochMetrics::validation_ce, {44, 160, 44}}};     // green
  double lo = 1e300, hi = -1e300;
  for (const auto& m : history)
    for (const auto& s : series) {
      double v = m.*(s.member);
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (lo > hi) lo = 0, hi = 1;  // nothing finite to plot: an empty frame
  // Values beyond +-1e300 are drawn at the border, so hi - lo stays finite.
  lo = std::clamp(lo, -1e300, 1e300), hi = std::clamp(hi, -1e300, 1e300);
  if (!(hi - lo > 1e-9 * std::max(1.0, std::abs(lo)))) {  // one value: centre it
    const double pad = std::max(1.0, std::abs(lo) * 0.1);
    lo -= pad, hi += pad;
  }
  Canvas canvas;
  const double left = kMargin, right = kWidth - kMargin, top = kMargin, bottom = kHeight - kMargin;
  canvas.line(left, bottom, right, bottom, {0, 0, 0});
  canvas.line(left, top, left, bottom, {0, 0, 0});
  // Horizontal grid at whole nats, or at a power of ten of nats when that would draw more than
  // kMaxGridLines: counted with an integer so that any range (huge, tiny) ends.
  constexpr int kMaxGridLines = 20;
  double spacing = 1.0;
  while ((hi - lo) / spacing > kMaxGridLines) spacing *= 10;
  const double first = std::ceil(lo / spacing) * spacing;
  for (int line = 0; line <= kMaxGridLines; ++line) {
    const double v = first + line * spacing;
    if (!(v <= hi)) break;
    double y = bottom - (v - lo) / (hi - lo) * (bottom - top);
    for (double x = left; x < right; x += 6)
      canvas.set(static_cast<int>(x), static_cast<int>(y), {170, 170, 170});
  }
  const std::size_t n = history.size();
  auto x_of = [&](std::size_t i) {
    return n < 2 ? (left + right) / 2 : left + (right - left) * i / (n - 1.0);
  };
  auto y_of = [&](double v) {
    return bottom - (std::clamp(v, lo, hi) - lo) / (hi - lo) * (bottom - top);
  };
  for (const auto& s : series)
    for (std::size_t i = 0; i < n; ++i) {
      double v = history[i].*(s.member);
      if (!std::isfinite(v)) continue;
      if (i + 1 < n && std::isfinite(history[i + 1].*(s.member)))
        canvas.line(x_of(i), y_of(v), x_of(i + 1), y_of(history[i + 1].*(s.member)), s.color);
      else
        canvas.line(x_of(i), y_of(v), x_of(i), y_of(v), s.color);
    }
  write_file_atomically(path, encode_png(canvas.pixels.data(), kWidth, kHeight, 3));
}

}  // namespace cadenza::train
