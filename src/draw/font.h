#pragma once
// A 5 x 7 pixel bitmap font (digits, upper- and lower-case letters, a little punctuation) for
// the labels of every picture; a character it lacks is drawn as a blank. Canvas::text draws it.
#include <array>
#include <cstdint>

namespace cadenza::draw {

inline constexpr int kGlyphColumns = 5, kGlyphRows = 7;

// Seven rows of five bits, most significant bit leftmost.
std::array<std::uint8_t, kGlyphRows> glyph(char c);

// Rows to draw a glyph lower: g, p, q and y are drawn from the x-height (their glyphs' first row)
// and hang two rows below the line.
int glyph_drop(char c);

}  // namespace cadenza::draw
