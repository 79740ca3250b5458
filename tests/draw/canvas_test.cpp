// The drawing module: rectangles and lines clipped to the canvas, text in the bitmap font at the
// pixels its glyphs say, and PNGs that decode back to the same pixels.
#include "draw/canvas.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "draw/colours.h"
#include "draw/font.h"
#include "draw/png.h"
#include "support/png_image.h"

namespace cadenza::draw {
namespace {

constexpr Rgb kRed{255, 0, 0}, kWhite{255, 255, 255};

std::filesystem::path temp_png(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("cadenza_draw_" + std::to_string(::getpid()) + "_" + name + ".png");
}

TEST(Canvas, StartsInItsBackgroundAndRefusesImpossibleSizes) {
  const Canvas canvas(3, 2, Rgb{1, 2, 3});
  EXPECT_EQ(canvas.rgb(), (std::vector<std::uint8_t>{1, 2, 3, 1, 2, 3, 1, 2, 3,  //
                                                     1, 2, 3, 1, 2, 3, 1, 2, 3}));
  EXPECT_EQ(Canvas(1, 1).at(0, 0), kWhite);
  EXPECT_THROW(Canvas(0, 5), std::invalid_argument);
  EXPECT_THROW(Canvas(5, Canvas::kMaxSide + 1), std::invalid_argument);
  EXPECT_THROW(canvas.at(3, 0), std::out_of_range);
}

TEST(Canvas, RectanglesAreClippedToTheCanvas) {
  Canvas canvas(4, 3);
  canvas.fill_rect(-2, 1, 4, 10, kRed);            // covers x 0..1, y 1..2
  canvas.fill_rect(2147483000, 0, 2000, 3, kRed);  // far off the canvas: nothing
  int red = 0;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x) red += canvas.at(x, y) == kRed;
  EXPECT_EQ(red, 4);
  EXPECT_EQ(canvas.at(1, 2), kRed);
  EXPECT_EQ(canvas.at(2, 2), kWhite);
  EXPECT_EQ(canvas.at(0, 0), kWhite);
}

TEST(Canvas, LinesWithAPen) {
  Canvas canvas(10, 10);
  canvas.line(0, 0, 6, 3, kRed);  // 8 points at t = i / 7, rounded to the nearest pixel
  EXPECT_EQ(canvas.at(0, 0), kRed);
  EXPECT_EQ(canvas.at(6, 3), kRed);
  EXPECT_EQ(canvas.at(4, 2), kRed);  // t = 4/7: (3.43, 1.71) -> (3, 2); t = 5/7 -> (4, 2)
  EXPECT_EQ(canvas.at(6, 0), kWhite);
  Canvas wide(10, 10);
  wide.line(2, 5, 7, 5, kRed, 2);  // a 2 px pen covers rows 5 and 6
  EXPECT_EQ(wide.at(2, 5), kRed);
  EXPECT_EQ(wide.at(8, 6), kRed);
  EXPECT_EQ(wide.at(4, 4), kWhite);
  EXPECT_EQ(wide.at(4, 7), kWhite);
  wide.line(0, 0, 1e300, -1e300, kRed);  // ends far away: clamped, bounded work
  wide.line(0, 0, std::nan(""), 3, kRed);
}

TEST(Canvas, TextDrawsTheFontsGlyphs) {
  // '1' is rows 0x04 0x0C 0x04 0x04 0x04 0x04 0x0E: at scale 1 from (1, 1), column 2 of every
  // row, column 1 of the second row, columns 1-3 of the last.
  Canvas canvas(8, 9);
  canvas.text(1, 1, "1", kRed, 1);
  int red = 0;
  for (int y = 0; y < 9; ++y)
    for (int x = 0; x < 8; ++x) red += canvas.at(x, y) == kRed;
  EXPECT_EQ(red, 7 + 1 + 2);
  EXPECT_EQ(canvas.at(3, 1), kRed);
  EXPECT_EQ(canvas.at(2, 2), kRed);
  EXPECT_EQ(canvas.at(2, 7), kRed);
  EXPECT_EQ(canvas.at(4, 7), kRed);
  EXPECT_EQ(canvas.at(2, 1), kWhite);
  // Scale 2: each font pixel 2 x 2, characters 12 px apart; 'y' hangs 2 rows (4 px) lower.
  Canvas two(30, 20);
  two.text(0, 0, "1y", kRed);
  EXPECT_EQ(two.at(4, 0), kRed);  // '1' column 2 -> x 4..5
  EXPECT_EQ(two.at(5, 1), kRed);
  EXPECT_EQ(two.at(12, 2), kWhite);  // nothing of 'y' above the drop:
  EXPECT_EQ(two.at(12, 4), kRed);    // its first row (0x11, columns 0 and 4) starts at y = 4
  EXPECT_EQ(two.at(14, 4), kWhite);
  EXPECT_EQ(two.at(14, 16), kRed);  // its last row (0x0E, columns 1-3) at y = 4 + 2 * 6
  EXPECT_EQ(two.at(20, 16), kWhite);
  EXPECT_EQ(text_width("1y"), 24);
  EXPECT_EQ(char_height(), 14);
}

TEST(Canvas, TextUpTurnsCounterClockwise) {
  // '1' turned: its rows become columns from x, its columns run upwards from y_bottom.
  Canvas canvas(10, 10);
  canvas.text_up(1, 8, "1", kRed, 1);
  EXPECT_EQ(canvas.at(1, 5), kRed);  // row 0, column 2 -> (x + 0, 8 - 3)
  EXPECT_EQ(canvas.at(7, 4), kRed);  // row 6, column 3 -> (x + 6, 8 - 4)
  EXPECT_EQ(canvas.at(1, 4), kWhite);
}

TEST(Font, UpperAndLowerCaseAreDifferentGlyphs) {
  EXPECT_EQ(glyph('A'), (std::array<std::uint8_t, 7>{0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}));
  EXPECT_NE(glyph('A'), glyph('a'));
  EXPECT_EQ(glyph('+'), (std::array<std::uint8_t, 7>{0x00, 0x04, 0x04, 0x1F, 0x04, 0x04, 0x00}));
  EXPECT_EQ(glyph(' '), (std::array<std::uint8_t, 7>{}));
  EXPECT_EQ(glyph('\x80'), (std::array<std::uint8_t, 7>{}));  // no glyph: a blank
  EXPECT_EQ(glyph_drop('g'), 2);
  EXPECT_EQ(glyph_drop('G'), 0);
}

TEST(Colours, PalettesCycleAndShadesScale) {
  EXPECT_EQ(cycled(kSeriesOnLight, 0), (Rgb{31, 119, 180}));
  EXPECT_EQ(cycled(kSeriesOnLight, 12), (Rgb{44, 160, 44}));
  EXPECT_EQ(cycled(kSeriesOnDark, 1), (Rgb{230, 159, 0}));
  EXPECT_EQ(scaled(Rgb{200, 101, 3}, 0.5), (Rgb{100, 51, 2}));  // rounded half away from 0
  EXPECT_EQ(scaled(Rgb{200, 101, 3}, 7), (Rgb{200, 101, 3}));   // gain clamped to 1
}

TEST(Png, CanvasAndGrayImagesDecodeToTheirPixels) {
  Canvas canvas(5, 4, Rgb{10, 20, 30});
  canvas.fill_rect(1, 1, 2, 2, kRed);
  const testing::DecodedPng png = testing::decode_png(canvas.png());
  EXPECT_EQ(png.width, 5);
  EXPECT_EQ(png.height, 4);
  EXPECT_EQ(png.rgb, canvas.rgb());
  const std::uint8_t gray[] = {0, 128, 255, 7, 8, 9};
  const testing::DecodedPng decoded = testing::decode_png(encode_png(gray, 3, 2, 1));
  EXPECT_EQ(decoded.at(1, 0), (std::array<int, 3>{128, 128, 128}));
  EXPECT_EQ(decoded.at(2, 1), (std::array<int, 3>{9, 9, 9}));
  EXPECT_THROW(encode_png(gray, 3, 2, 2), std::runtime_error);
  EXPECT_THROW(encode_png(gray, 0, 2, 1), std::runtime_error);
}

TEST(Png, SavedAtomically) {
  const std::filesystem::path path = temp_png("saved");
  Canvas canvas(2, 2);
  canvas.set(1, 0, kRed);
  canvas.save_png(path);
  EXPECT_EQ(testing::decode_png_file(path).at(1, 0), (std::array<int, 3>{255, 0, 0}));
  std::filesystem::remove(path);
  const std::filesystem::path nowhere = temp_png("missing_dir") / "x.png";
  try {
    canvas.save_png(nowhere);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    // write_file_atomically names the temporary file beside the path: its folder and name.
    EXPECT_NE(std::string(e.what()).find(nowhere.parent_path().string()), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(nowhere.parent_path()));
}

}  // namespace
}  // namespace cadenza::draw
