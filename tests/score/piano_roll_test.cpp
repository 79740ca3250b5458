// Piano roll: notes land where their pitch and time say, in their part's palette colour (drums
// grey), with bar and beat lines and, for two parts or more, a legend naming each GM instrument.
// Pixel positions and colours are worked out by hand from the layout in score/piano_roll.cpp.
#include "score/piano_roll.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "draw/font.h"
#include "midi/gm_programs.h"
#include "support/png_image.h"

namespace cadenza::score {
namespace {

using Pixel = std::array<int, 3>;

Note note(int pitch, double start_q, double length_q, int track, int program = 0, int channel = 0) {
  Note n;
  n.pitch = pitch;
  n.velocity = 127;
  n.track = track;
  n.program = program;
  n.channel = channel;
  n.start_quarters = start_q;
  n.duration_quarters = length_q;
  return n;
}

Pixel pixel(const draw::Canvas& canvas, int x, int y) {
  const draw::Rgb c = canvas.at(x, y);
  return {c.r, c.g, c.b};
}

// The palette's first colours on the dark background, drums, the lines and the legend's text.
const Pixel kSkyBlue{86, 180, 233}, kOrange{230, 159, 0}, kDrumGrey{200, 200, 200};
const Pixel kBackground{24, 24, 28}, kBeat{38, 38, 44}, kBar{60, 60, 70}, kText{220, 220, 220};

PianoRollOptions small() {
  PianoRollOptions options;
  options.pixels_per_quarter = 10;
  options.pixels_per_semitone = 4;
  options.margin_semitones = 1;
  return options;
}

TEST(PianoRoll, NotesAtTheirPitchAndTime) {
  Score s;
  s.notes = {note(60, 0, 1, 0), note(64, 2, 2, 1)};
  PianoRollOptions options = small();
  options.legend = false;  // the roll alone (PianoRoll.LegendNamesEachInstrument has the legend)
  const draw::Canvas image = render_piano_roll(s, options);
  // Pitches 59..65 -> 7 rows of 4 px; 4 quarters -> 41 px wide.
  EXPECT_EQ(image.height(), 28);
  EXPECT_EQ(image.width(), 41);
  // C4 is row 65 - 60 = 5 (y 20..22), x 0..8; E4 row 1 (y 4..6), x 20..38.
  const auto c4 = pixel(image, 5, 21);
  const auto e4 = pixel(image, 30, 5);
  const auto empty = pixel(image, 30, 21);
  EXPECT_NE(c4, e4);                                   // different tracks, different colours
  EXPECT_NE(c4, empty);                                // a note is not background
  EXPECT_EQ(pixel(image, 5, 5), pixel(image, 15, 9));  // both background
  EXPECT_EQ(c4, kSkyBlue);                             // the first part's colour, full velocity
  EXPECT_EQ(e4, kOrange);
}

TEST(PianoRoll, SingleInstrumentLooksAsBefore) {
  // One part: no legend, the first palette colour whatever its program, quieter notes darker.
  Score s;
  s.notes = {note(60, 0, 1, 3, 33), note(62, 1, 1, 3, 33)};
  s.notes[1].velocity = 1;
  const draw::Canvas image = render_piano_roll(s, small());
  EXPECT_EQ(image.width(), 41);
  EXPECT_EQ(image.height(), 20);  // pitches 59..63
  // Velocity 1: gain 0.55 + 0.45 / 127 = 0.5535 -> (48, 100, 129), rounded.
  EXPECT_EQ(pixel(image, 5, 13), kSkyBlue);               // C4, row 63 - 60 = 3
  EXPECT_EQ(pixel(image, 15, 5), (Pixel{48, 100, 129}));  // D4, row 1
}

TEST(PianoRoll, LegendNamesEachInstrument) {
  Score s;
  s.notes = {note(60, 0, 1, 0, 0), note(40, 1, 1, 1, 33), note(38, 2, 1, 2, 0, 9)};
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("cadenza_piano_roll_" + std::to_string(::getpid()) + ".png");
  write_piano_roll_png(s, path, small());
  const testing::DecodedPng png = testing::decode_png_file(path);
  std::filesystem::remove(path);
  // Pitches 37..61: 25 rows of 4 px; 4 quarters: the roll is 41 px wide. The legend right of
  // it: 10 + 12 (swatch) + 6 + 22 characters of 12 px ("Electric Bass (finger)") + 10 = 302.
  EXPECT_EQ(png.width, 41 + 302);
  EXPECT_EQ(png.height, 100);
  EXPECT_EQ(png.at(5, 5), kSkyBlue);     // program 0: C4, row 61 - 60 = 1, quarter 0
  EXPECT_EQ(png.at(15, 85), kOrange);    // program 33: E2, row 21, quarter 1
  EXPECT_EQ(png.at(25, 93), kDrumGrey);  // drums: key 38, row 23, quarter 2
  // Swatches at x 51..62, one line of 20 px each from y = 10 (+1).
  EXPECT_EQ(png.at(56, 16), kSkyBlue);
  EXPECT_EQ(png.at(56, 36), kOrange);
  EXPECT_EQ(png.at(56, 56), kDrumGrey);
  // Labels from x = 69 at scale 2: the top row of 'A' (0x0E) lights columns 1-3, of 'D' (0x1C)
  // columns 0-2.
  EXPECT_EQ(png.at(69, 10), kBackground);
  EXPECT_EQ(png.at(71, 10), kText);
  EXPECT_EQ(png.at(69, 50), kText);
  EXPECT_GT(png.count(kText), 300u);  // 47 characters of text
  EXPECT_EQ(png.at(342, 99), kBackground);
}

TEST(PianoRoll, LongLegendsCountTheRest) {
  // 40 parts (one note per track): 31 named lines and "and 9 more parts", no swatch on it.
  Score s;
  for (int track = 0; track < 40; ++track) s.notes.push_back(note(60, 0, 1, track));
  const draw::Canvas image = render_piano_roll(s, small());
  EXPECT_EQ(image.height(), 10 + 32 * 20 + 10);
  // "Acoustic Grand Piano (track 10)" (31 characters) is the longest label.
  EXPECT_EQ(image.width(), 41 + 10 + 12 + 6 + 31 * 12 + 10);
  const draw::Rgb background{24, 24, 28};
  EXPECT_NE(image.at(56, 10 + 30 * 20 + 6), background);  // the 31st part's swatch
  EXPECT_EQ(image.at(56, 10 + 31 * 20 + 6), background);  // none on the counting line
  // The third row of 'a' (0x0E, columns 1-3) at scale 2.
  EXPECT_EQ(image.at(69 + 2, 10 + 31 * 20 + 4), (draw::Rgb{220, 220, 220}));
}

TEST(PianoRoll, PartsAreNamedByGeneralMidi) {
  Score s;
  s.notes = {note(60, 0, 1, 2, 0), note(40, 0, 1, 1, 32), note(38, 0, 1, 1, 0, 9),
             note(64, 0, 1, 0, 0), note(65, 1, 1, 0, 0)};
  const std::vector<PianoRollPart> parts = piano_roll_parts(s);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].label, "Acoustic Grand Piano (track 0)");
  EXPECT_EQ(parts[1].label, "Acoustic Bass");
  EXPECT_EQ(parts[2].label, "Drums");  // after the programs of its track
  EXPECT_EQ(parts[3].label, "Acoustic Grand Piano (track 2)");
  // Colours in legend order; drums grey without taking a palette colour.
  EXPECT_EQ(parts[0].colour, (draw::Rgb{86, 180, 233}));
  EXPECT_EQ(parts[1].colour, (draw::Rgb{230, 159, 0}));
  EXPECT_EQ(parts[2].colour, (draw::Rgb{200, 200, 200}));
  EXPECT_EQ(parts[3].colour, (draw::Rgb{0, 158, 115}));
}

TEST(PianoRoll, EveryInstrumentNameCanBeWritten) {
  // The legend's font has a glyph for every character of the 128 GM names and "Drums".
  const std::array<std::uint8_t, draw::kGlyphRows> blank{};
  for (int program = midi::kDrums; program < midi::kProgramCount; ++program)
    for (char c : midi::gm_program_name(program)) {
      if (c == ' ') continue;
      EXPECT_NE(draw::glyph(c), blank) << "'" << c << "' in program " << program;
    }
}

TEST(PianoRoll, BarAndBeatLines) {
  Score s;
  s.notes = {note(60, 0, 6, 0)};  // six quarters: lines at x = 0, 10, ..., 60
  const draw::Canvas four = render_piano_roll(s, small());
  // Pitch 61 (y 0..3) holds no note: 4/4 (no signature) has its bars at quarters 0 and 4.
  EXPECT_EQ(pixel(four, 5, 1), kBackground);
  EXPECT_EQ(pixel(four, 10, 1), kBeat);
  EXPECT_EQ(pixel(four, 30, 1), kBeat);
  EXPECT_EQ(pixel(four, 40, 1), kBar);
  s.time_signatures = {TimeSignature{0, 3, 4}};
  const draw::Canvas three = render_piano_roll(s, small());
  EXPECT_EQ(pixel(three, 30, 1), kBar);
  EXPECT_EQ(pixel(three, 40, 1), kBeat);
  EXPECT_EQ(pixel(three, 60, 1), kBar);
  // Squeezed to 2 px a quarter, beats are left out and the bars (8 px apart) stay.
  PianoRollOptions narrow = small();
  narrow.pixels_per_quarter = 2;
  s.time_signatures.clear();
  const draw::Canvas squeezed = render_piano_roll(s, narrow);
  EXPECT_EQ(pixel(squeezed, 2, 1), kBackground);
  EXPECT_EQ(pixel(squeezed, 8, 1), kBar);
}

TEST(PianoRoll, PngDecodesToTheSamePixels) {
  Score s;
  s.notes = {note(48, 0, 0.5, 0), note(72, 1, 0.5, 2)};
  const draw::Canvas image = render_piano_roll(s);
  const testing::DecodedPng png = testing::decode_png(image.png());
  EXPECT_EQ(png.width, image.width());
  EXPECT_EQ(png.height, image.height());
  EXPECT_EQ(png.rgb, image.rgb());
}

TEST(PianoRoll, EmptyScoreStillDraws) {
  const draw::Canvas image = render_piano_roll(Score{});
  EXPECT_EQ(image.width(), 4 * 24 + 1);  // four quarters
  EXPECT_EQ(image.height(), (72 - 60 + 1 + 4) * 6);
}

TEST(PianoRoll, BadOptionsAreRefused) {
  PianoRollOptions options;
  options.pixels_per_semitone = 0;
  EXPECT_THROW(render_piano_roll(Score{}, options), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::score
