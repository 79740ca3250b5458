#pragma once
// A 5 x 7 pixel font (digits, lower-case letters, a little punctuation) for the labels of the
// PNG charts; upper case is drawn as lower case, anything else as a blank.
#include <array>
#include <cstdint>

namespace cadenza::classify {

// Seven rows of five bits, most significant bit leftmost.
std::array<std::uint8_t, 7> glyph(char c);

// Rows to draw a glyph lower: g, p, q and y start at the x-height and hang below the line.
int glyph_drop(char c);

}  // namespace cadenza::classify
