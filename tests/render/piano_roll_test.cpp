// Piano roll: notes land where their pitch and time say, in their track's colour, and the
// PNG decodes back to the same pixels.
#include "score/piano_roll.h"

#include <gtest/gtest.h>
#include <png.h>

namespace cadenza::score {
namespace {

Note note(int pitch, double start_q, double length_q, int track) {
  Note n;
  n.pitch = pitch;
  n.velocity = 127;
  n.track = track;
  n.start_quarters = start_q;
  n.duration_quarters = length_q;
  return n;
}

std::array<int, 3> pixel(const Image& image, int x, int y) {
  const auto* p = image.rgb.data() + 3 * (y * image.width + x);
  return {p[0], p[1], p[2]};
}

TEST(PianoRoll, NotesAtTheirPitchAndTime) {
  Score s;
  s.notes = {note(60, 0, 1, 0), note(64, 2, 2, 1)};
  PianoRollOptions options;
  options.pixels_per_quarter = 10;
  options.pixels_per_semitone = 4;
  options.margin_semitones = 1;
  const Image image = render_piano_roll(s, options);
  // Pitches 59..65 -> 7 rows of 4 px; 4 quarters -> 41 px wide.
  EXPECT_EQ(image.height, 28);
  EXPECT_EQ(image.width, 41);
  // C4 is row 65 - 60 = 5 (y 20..22), x 0..8; E4 row 1 (y 4..6), x 20..38.
  const auto c4 = pixel(image, 5, 21);
  const auto e4 = pixel(image, 30, 5);
  const auto empty = pixel(image, 30, 21);
  EXPECT_NE(c4, e4);                                   // different tracks, different colours
  EXPECT_NE(c4, empty);                                // a note is not background
  EXPECT_EQ(pixel(image, 5, 5), pixel(image, 15, 9));  // both background
  EXPECT_EQ(c4, (std::array<int, 3>{86, 180, 233}));   // track 0 colour at full velocity
}

TEST(PianoRoll, PngDecodesToTheSamePixels) {
  Score s;
  s.notes = {note(48, 0, 0.5, 0), note(72, 1, 0.5, 2)};
  const Image image = render_piano_roll(s);
  const std::vector<std::uint8_t> bytes = encode_png(image);
  png_image decoded{};
  decoded.version = PNG_IMAGE_VERSION;
  ASSERT_TRUE(png_image_begin_read_from_memory(&decoded, bytes.data(), bytes.size()));
  decoded.format = PNG_FORMAT_RGB;
  std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(decoded));
  ASSERT_TRUE(png_image_finish_read(&decoded, nullptr, pixels.data(), 0, nullptr));
  EXPECT_EQ(static_cast<int>(decoded.width), image.width);
  EXPECT_EQ(static_cast<int>(decoded.height), image.height);
  EXPECT_EQ(pixels, image.rgb);
}

TEST(PianoRoll, EmptyScoreStillDraws) {
  const Image image = render_piano_roll(Score{});
  EXPECT_GT(image.width, 0);
  EXPECT_GT(image.height, 0);
}

}  // namespace
}  // namespace cadenza::score
