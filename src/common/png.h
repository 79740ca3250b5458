#pragma once
// PNG encoding for every picture cadenza writes (piano rolls, loss curves, confusion matrices,
// spectrograms): 8-bit pixels in, PNG bytes out. Callers write the bytes atomically.
#include <cstdint>
#include <string>

namespace cadenza {

// `pixels` holds height rows of width * channels bytes; channels 1 = gray, 3 = RGB.
// Throws std::runtime_error when libpng fails or the arguments are impossible.
std::string encode_png(const std::uint8_t* pixels, int width, int height, int channels);

}  // namespace cadenza
