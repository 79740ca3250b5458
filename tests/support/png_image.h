#pragma once
// Decodes a PNG file (libpng's simplified API) into 8-bit RGB pixels, so that tests can check
// an image's size and pixels against what was drawn instead of only its signature.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::testing {

struct DecodedPng {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // row-major, top row first, 3 bytes per pixel
  std::array<int, 3> at(int x, int y) const;
  // Pixels of exactly this colour.
  std::size_t count(const std::array<int, 3>& colour) const;
};

// Throws std::runtime_error naming the file when it is missing or not a valid PNG.
DecodedPng decode_png_file(const std::filesystem::path& path);
DecodedPng decode_png(const std::string& bytes);

}  // namespace cadenza::testing
