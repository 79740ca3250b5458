#pragma once
// A piano-roll picture of a score: time runs left to right, pitch bottom to top, one coloured
// bar per note (colour by track, brighter for louder notes), light lines at every C and at
// every beat. Written as an RGB PNG (libpng), atomically.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "score/score.h"

namespace cadenza::score {

struct PianoRollOptions {
  double pixels_per_quarter = 24;
  int pixels_per_semitone = 6;
  int margin_semitones = 2;  // empty rows above the highest and below the lowest note
  int max_width = 8000;      // long pieces are squeezed to fit
};

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // row-major, top row first, 3 bytes per pixel
};

Image render_piano_roll(const Score& score, const PianoRollOptions& options = {});
std::vector<std::uint8_t> encode_png(const Image& image);
// Throws std::runtime_error naming the path when it cannot be written.
void write_piano_roll_png(const Score& score, const std::filesystem::path& path,
                          const PianoRollOptions& options = {});

}  // namespace cadenza::score
