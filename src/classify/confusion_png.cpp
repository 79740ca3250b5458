#include "classify/confusion_png.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "classify/bitmap_font.h"
#include "common/atomic_file.h"
#include "common/png.h"

namespace cadenza::classify {
namespace {

struct Rgb {
  std::uint8_t r, g, b;
};

class Canvas {
 public:
  Canvas(int width, int height)
      : width_(width),
        height_(height),
        pixels_(static_cast<std::size_t>(width * height), Rgb{255, 255, 255}) {}
  void fill(int x0, int y0, int w, int h, Rgb color) {
    for (int y = std::max(0, y0); y < std::min(height_, y0 + h); ++y)
      for (int x = std::max(0, x0); x < std::min(width_, x0 + w); ++x)
        pixels_[static_cast<std::size_t>(y * width_ + x)] = color;
  }
  // Text at 2x scale: each glyph 10 x 14 pixels plus 2 pixels spacing.
  void text(int x, int y, const std::string& s, Rgb color) {
    for (char c : s) {
      const auto rows = glyph(c);
      const int drop = 2 * glyph_drop(c);
      for (int row = 0; row < 7; ++row)
        for (int col = 0; col < 5; ++col)
          if (rows[static_cast<std::size_t>(row)] & (0x10 >> col))
            fill(x + 2 * col, y + drop + 2 * row, 2, 2, color);
      x += kCharWidth;
    }
  }
  static constexpr int kCharWidth = 12, kCharHeight = 14;
  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<Rgb>& pixels() const { return pixels_; }

 private:
  int width_, height_;
  std::vector<Rgb> pixels_;
};

}  // namespace

void write_confusion_png(const Evaluation& e, const std::filesystem::path& path,
                         const std::string& title) {
  const int k = static_cast<int>(e.labels.size());
  constexpr int cell = 64, pad = 12;
  std::size_t longest = 0;
  for (const auto& label : e.labels) longest = std::max(longest, label.size());
  const int left = pad + static_cast<int>(longest) * Canvas::kCharWidth + pad;
  const int top = pad + 2 * (Canvas::kCharHeight + 8) + Canvas::kCharHeight + pad;
  const int width = std::max(left + k * cell + pad,
                             pad + static_cast<int>(title.size()) * Canvas::kCharWidth + pad);
  Canvas canvas(width, top + k * cell + pad + Canvas::kCharHeight + pad);
  const Rgb black{0, 0, 0}, white{255, 255, 255};
  canvas.text(pad, pad, title, black);
  char subtitle[96];
  std::snprintf(subtitle, sizeof subtitle, "accuracy %.3f, rows: true, columns: predicted",
                e.accuracy);
  canvas.text(pad, pad + Canvas::kCharHeight + 8, subtitle, black);
  for (int c = 0; c < k; ++c) {
    const std::string& label = e.labels[static_cast<std::size_t>(c)];
    canvas.text(left + c * cell + 2, top - Canvas::kCharHeight - 6, label.substr(0, 5), black);
    canvas.text(pad, top + c * cell + (cell - Canvas::kCharHeight) / 2, label, black);
  }
  for (int t = 0; t < k; ++t) {
    const auto& row = e.confusion[static_cast<std::size_t>(t)];
    int total = 0;
    for (int count : row) total += count;
    for (int p = 0; p < k; ++p) {
      const int count = row[static_cast<std::size_t>(p)];
      const double share = total ? static_cast<double>(count) / total : 0.0;
      const Rgb shade{static_cast<std::uint8_t>(255 - 225 * share),
                      static_cast<std::uint8_t>(255 - 175 * share),
                      static_cast<std::uint8_t>(255 - 75 * share)};
      canvas.fill(left + p * cell, top + t * cell, cell - 1, cell - 1, shade);
      const std::string text = std::to_string(count);
      canvas.text(left + p * cell + (cell - static_cast<int>(text.size()) * Canvas::kCharWidth) / 2,
                  top + t * cell + (cell - Canvas::kCharHeight) / 2, text,
                  share > 0.5 ? white : black);
    }
  }
  static_assert(sizeof(Rgb) == 3, "Rgb pixels are packed bytes");
  write_file_atomically(path,
                        encode_png(reinterpret_cast<const std::uint8_t*>(canvas.pixels().data()),
                                   canvas.width(), canvas.height(), 3));
}

}  // namespace cadenza::classify
