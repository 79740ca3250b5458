#pragma once
// An RGB picture to draw charts on: filled rectangles, lines, text in the bitmap font (font.h),
// saved as PNG atomically. Everything drawn is clipped to the canvas, so callers may draw
// partly outside it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "draw/colours.h"

namespace cadenza::draw {

// Text metrics at `scale` pixels per font pixel: a character advances 6 * scale (five columns
// and one of space) and stands 7 * scale high; g, p, q and y hang 2 * scale lower.
constexpr int char_width(int scale = 2) { return 6 * scale; }
constexpr int char_height(int scale = 2) { return 7 * scale; }
int text_width(std::string_view text, int scale = 2);

class Canvas {
 public:
  // Throws std::invalid_argument for a size below 1 x 1 or above kMaxSide on either side.
  Canvas(int width, int height, Rgb background = colours::kWhite);
  static constexpr int kMaxSide = 32768;

  int width() const { return width_; }
  int height() const { return height_; }
  // Throws std::out_of_range outside the canvas.
  Rgb at(int x, int y) const;
  // Row-major, top row first, 3 bytes per pixel.
  const std::vector<std::uint8_t>& rgb() const { return rgb_; }

  void set(int x, int y, Rgb colour);
  void fill_rect(int x, int y, int width, int height, Rgb colour);
  // A pen of pen x pen pixels (its top-left corner on the path) from (x0, y0) to (x1, y1).
  void line(double x0, double y0, double x1, double y1, Rgb colour, int pen = 1);
  // Left to right, the top-left corner of the first character at (x, y).
  void text(int x, int y, std::string_view text, Rgb colour, int scale = 2);
  // Bottom to top (turned 90 degrees counter-clockwise): the first character at the bottom, its
  // left edge on y_bottom, the glyphs' tops facing left at x.
  void text_up(int x, int y_bottom, std::string_view text, Rgb colour, int scale = 2);

  std::string png() const;
  // Throws std::runtime_error naming the path when it cannot be written; a failed write leaves
  // an older file there untouched.
  void save_png(const std::filesystem::path& path) const;

 private:
  int width_, height_;
  std::vector<std::uint8_t> rgb_;
};

}  // namespace cadenza::draw
