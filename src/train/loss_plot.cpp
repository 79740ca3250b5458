// A minimal line plot (draw/canvas.h): enough to see at a glance whether training converges (no
// axis labels; the CSV has the numbers).

#include <algorithm>
#include <cmath>
#include <vector>

#include "draw/canvas.h"
#include "train/metrics.h"

namespace cadenza::train {
namespace {
constexpr int kWidth = 640, kHeight = 400, kMargin = 40;
}  // namespace

void write_loss_plot(const std::filesystem::path& path, const std::vector<EpochMetrics>& history) {
  struct Series {
    double EpochMetrics::*member;
    draw::Rgb color;
  };
  const Series series[] = {{&EpochMetrics::train_total, draw::kSeriesOnLight[0]},       // blue
                           {&EpochMetrics::validation_total, draw::kSeriesOnLight[1]},  // orange
                           {&EpochMetrics::validation_ce, draw::kSeriesOnLight[2]}};    // green
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
  draw::Canvas canvas(kWidth, kHeight);
  const double left = kMargin, right = kWidth - kMargin, top = kMargin, bottom = kHeight - kMargin;
  canvas.line(left, bottom, right, bottom, draw::colours::kBlack, 2);
  canvas.line(left, top, left, bottom, draw::colours::kBlack, 2);
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
      canvas.set(static_cast<int>(x), static_cast<int>(y), draw::colours::kDotted);
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
        canvas.line(x_of(i), y_of(v), x_of(i + 1), y_of(history[i + 1].*(s.member)), s.color, 2);
      else
        canvas.line(x_of(i), y_of(v), x_of(i), y_of(v), s.color, 2);
    }
  canvas.save_png(path);
}

}  // namespace cadenza::train
