#include "draw/canvas.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/atomic_file.h"
#include "draw/font.h"
#include "draw/png.h"

namespace cadenza::draw {
namespace {

// Calls plot(right, down) with the offset of every lit font pixel of c from the character's
// top-left corner, at `scale` image pixels per font pixel (descenders dropped).
template <typename Plot>
void for_each_glyph_pixel(char c, int scale, Plot plot) {
  const auto rows = glyph(c);
  const int drop = scale * glyph_drop(c);
  for (int row = 0; row < kGlyphRows; ++row)
    for (int column = 0; column < kGlyphColumns; ++column)
      if (rows[static_cast<std::size_t>(row)] & (0x10 >> column))
        plot(scale * column, drop + scale * row);
}

}  // namespace

int text_width(std::string_view text, int scale) {
  return static_cast<int>(text.size()) * char_width(scale);
}

Canvas::Canvas(int width, int height, Rgb background) : width_(width), height_(height) {
  if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide)
    throw std::invalid_argument("canvas: " + std::to_string(width) + " x " +
                                std::to_string(height) + " pixels, expected 1 to " +
                                std::to_string(kMaxSide) + " on each side");
  rgb_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  fill_rect(0, 0, width, height, background);
}

Rgb Canvas::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= height_)
    throw std::out_of_range("canvas: pixel (" + std::to_string(x) + ", " + std::to_string(y) +
                            ") outside " + std::to_string(width_) + " x " +
                            std::to_string(height_));
  const std::uint8_t* p = &rgb_[(static_cast<std::size_t>(y) * width_ + x) * 3];
  return {p[0], p[1], p[2]};
}

void Canvas::set(int x, int y, Rgb colour) { fill_rect(x, y, 1, 1, colour); }

void Canvas::fill_rect(int x, int y, int width, int height, Rgb colour) {
  // In 64 bits: x + width may pass INT_MAX for a rectangle far off the canvas.
  const int x0 = static_cast<int>(std::max<std::int64_t>(0, x));
  const int y0 = static_cast<int>(std::max<std::int64_t>(0, y));
  const int x1 = static_cast<int>(std::min<std::int64_t>(width_, std::int64_t{x} + width));
  const int y1 = static_cast<int>(std::min<std::int64_t>(height_, std::int64_t{y} + height));
  for (int row = y0; row < y1; ++row)
    for (int column = x0; column < x1; ++column) {
      std::uint8_t* p = &rgb_[(static_cast<std::size_t>(row) * width_ + column) * 3];
      p[0] = colour.r;
      p[1] = colour.g;
      p[2] = colour.b;
    }
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgb colour, int pen) {
  // Ends far outside the canvas are clamped first, so that the number of steps stays bounded.
  const double limit = 4.0 * kMaxSide;
  x0 = std::clamp(x0, -limit, limit), x1 = std::clamp(x1, -limit, limit);
  y0 = std::clamp(y0, -limit, limit), y1 = std::clamp(y1, -limit, limit);
  if (std::isnan(x0) || std::isnan(y0) || std::isnan(x1) || std::isnan(y1)) return;
  const int steps = static_cast<int>(std::max(std::abs(x1 - x0), std::abs(y1 - y0))) + 1;
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    fill_rect(static_cast<int>(std::lround(x0 + t * (x1 - x0))),
              static_cast<int>(std::lround(y0 + t * (y1 - y0))), pen, pen, colour);
  }
}

void Canvas::text(int x, int y, std::string_view text, Rgb colour, int scale) {
  for (char c : text) {
    for_each_glyph_pixel(c, scale, [&](int right, int down) {
      fill_rect(x + right, y + down, scale, scale, colour);
    });
    x += char_width(scale);
  }
}

void Canvas::text_up(int x, int y_bottom, std::string_view text, Rgb colour, int scale) {
  int y = y_bottom;
  for (char c : text) {
    // Turned: the glyph's rows run rightwards from x, its columns upwards from y.
    for_each_glyph_pixel(c, scale, [&](int right, int down) {
      fill_rect(x + down, y - right - scale, scale, scale, colour);
    });
    y -= char_width(scale);
  }
}

std::string Canvas::png() const { return encode_png(rgb_.data(), width_, height_, 3); }

void Canvas::save_png(const std::filesystem::path& path) const {
  write_file_atomically(path, png());
}

}  // namespace cadenza::draw
