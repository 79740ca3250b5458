#include "classify/confusion_png.h"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "classify/bitmap_font.h"
#include "common/atomic_file.h"

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

void write_png(std::ostream& out, const Canvas& canvas) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) throw std::runtime_error("libpng: out of memory");
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng: could not encode the image");
  }
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t size) {
        static_cast<std::ostream*>(png_get_io_ptr(p))
            ->write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
      },
      [](png_structp p) { static_cast<std::ostream*>(png_get_io_ptr(p))->flush(); });
  png_set_IHDR(png, info, static_cast<png_uint_32>(canvas.width()),
               static_cast<png_uint_32>(canvas.height()), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < canvas.height(); ++y)
    png_write_row(png, reinterpret_cast<png_const_bytep>(
                           &canvas.pixels()[static_cast<std::size_t>(y * canvas.width())]));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
}

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
  write_file_atomically(path, [&](std::ostream& out) { write_png(out, canvas); });
}

}  // namespace cadenza::classify
