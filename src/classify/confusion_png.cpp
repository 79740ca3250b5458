#include "classify/confusion_png.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "draw/canvas.h"

namespace cadenza::classify {
namespace {
constexpr int kCharWidth = draw::char_width(), kCharHeight = draw::char_height();
}  // namespace

void write_confusion_png(const Evaluation& e, const std::filesystem::path& path,
                         const std::string& title) {
  const int k = static_cast<int>(e.labels.size());
  constexpr int cell = 64, pad = 12;
  std::size_t longest = 0;
  for (const auto& label : e.labels) longest = std::max(longest, label.size());
  const int left = pad + static_cast<int>(longest) * kCharWidth + pad;
  const int top = pad + 2 * (kCharHeight + 8) + kCharHeight + pad;
  char subtitle[96];
  std::snprintf(subtitle, sizeof subtitle, "accuracy %.3f, rows: true, columns: predicted",
                e.accuracy);
  const int width = std::max({left + k * cell + pad, pad + draw::text_width(title) + pad,
                              pad + draw::text_width(subtitle) + pad});
  draw::Canvas canvas(width, top + k * cell + pad + kCharHeight + pad);
  const draw::Rgb black = draw::colours::kBlack, white = draw::colours::kWhite;
  canvas.text(pad, pad, title, black);
  canvas.text(pad, pad + kCharHeight + 8, subtitle, black);
  for (int c = 0; c < k; ++c) {
    const std::string& label = e.labels[static_cast<std::size_t>(c)];
    canvas.text(left + c * cell + 2, top - kCharHeight - 6, label.substr(0, 5), black);
    canvas.text(pad, top + c * cell + (cell - kCharHeight) / 2, label, black);
  }
  for (int t = 0; t < k; ++t) {
    const auto& row = e.confusion[static_cast<std::size_t>(t)];
    int total = 0;
    for (int count : row) total += count;
    for (int p = 0; p < k; ++p) {
      const int count = row[static_cast<std::size_t>(p)];
      const double share = total ? static_cast<double>(count) / total : 0.0;
      const draw::Rgb shade{static_cast<std::uint8_t>(255 - 225 * share),
                            static_cast<std::uint8_t>(255 - 175 * share),
                            static_cast<std::uint8_t>(255 - 75 * share)};
      canvas.fill_rect(left + p * cell, top + t * cell, cell - 1, cell - 1, shade);
      const std::string text = std::to_string(count);
      canvas.text(left + p * cell + (cell - static_cast<int>(text.size()) * kCharWidth) / 2,
                  top + t * cell + (cell - kCharHeight) / 2, text, share > 0.5 ? white : black);
    }
  }
  canvas.save_png(path);
}

}  // namespace cadenza::classify
