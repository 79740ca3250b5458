#pragma once
// The one PNG encoder of cadenza (libpng): 8-bit pixels in, PNG bytes out. Canvas::png() uses it
// for every chart; gray images (spectrograms) call it directly. Callers write the bytes
// atomically (common/atomic_file.h).
#include <cstdint>
#include <string>

namespace cadenza::draw {

// `pixels` holds height rows of width * channels bytes; channels 1 = gray, 3 = RGB.
// Throws std::runtime_error when libpng fails or the arguments are impossible.
std::string encode_png(const std::uint8_t* pixels, int width, int height, int channels);

}  // namespace cadenza::draw
