#include "score/piano_roll.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "common/atomic_file.h"
#include "common/png.h"

namespace cadenza::score {
namespace {

using Rgb = std::array<std::uint8_t, 3>;

// Distinct, readable colours on a dark background, one per track (cycled).
constexpr std::array<Rgb, 8> kTrackColours = {{{86, 180, 233},
                                               {230, 159, 0},
                                               {0, 158, 115},
                                               {240, 228, 66},
                                               {204, 121, 167},
                                               {213, 94, 0},
                                               {0, 114, 178},
                                               {200, 200, 200}}};
constexpr Rgb kBackground = {24, 24, 28};
constexpr Rgb kOctaveLine = {60, 60, 70};
constexpr Rgb kBeatLine = {38, 38, 44};

void fill(Image& image, int x0, int y0, int x1, int y1, const Rgb& colour) {
  x0 = std::max(x0, 0);
  y0 = std::max(y0, 0);
  x1 = std::min(x1, image.width);
  y1 = std::min(y1, image.height);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      std::copy(colour.begin(), colour.end(), image.rgb.begin() + 3 * (y * image.width + x));
}

}  // namespace

Image render_piano_roll(const Score& score, const PianoRollOptions& options) {
  if (options.pixels_per_quarter <= 0 || options.pixels_per_semitone <= 0 ||
      options.margin_semitones < 0 || options.max_width < 16)
    throw std::invalid_argument("piano roll: options out of range");
  int low = 60, high = 72;  // an empty score still gets a one-octave frame
  double end_quarters = 4;
  if (!score.notes.empty()) {
    low = 127;
    high = 0;
    for (const Note& n : score.notes) {
      low = std::min(low, n.pitch);
      high = std::max(high, n.pitch);
      end_quarters = std::max(end_quarters, n.start_quarters + n.duration_quarters);
    }
  }
  low = std::max(0, low - options.margin_semitones);
  high = std::min(127, high + options.margin_semitones);
  const double x_scale =
      std::min(options.pixels_per_quarter, (options.max_width - 1) / std::ceil(end_quarters));
  const int row = options.pixels_per_semitone;

  Image image;
  image.width = static_cast<int>(std::ceil(std::ceil(end_quarters) * x_scale)) + 1;
  image.height = (high - low + 1) * row;
  image.rgb.resize(static_cast<std::size_t>(image.width) * image.height * 3);
  fill(image, 0, 0, image.width, image.height, kBackground);
  const auto y_of = [&](int pitch) { return (high - pitch) * row; };
  for (int q = 0; q <= static_cast<int>(std::ceil(end_quarters)); ++q) {
    const int x = static_cast<int>(std::lround(q * x_scale));
    fill(image, x, 0, x + 1, image.height, kBeatLine);
  }
  for (int pitch = low; pitch <= high; ++pitch)
    if (pitch % 12 == 0)
      fill(image, 0, y_of(pitch) + row - 1, image.width, y_of(pitch) + row, kOctaveLine);

  for (const Note& n : score.notes) {
    const Rgb& base =
        kTrackColours[static_cast<std::size_t>(std::max(n.track, 0)) % kTrackColours.size()];
    // Louder notes brighter: velocity 1 -> 55% of the colour, 127 -> 100%.
    const double gain = 0.55 + 0.45 * std::clamp(n.velocity, 1, 127) / 127.0;
    Rgb colour;
    for (int c = 0; c < 3; ++c) colour[c] = static_cast<std::uint8_t>(std::lround(base[c] * gain));
    const int x0 = static_cast<int>(std::lround(n.start_quarters * x_scale));
    const int x1 = std::max(
        x0 + 1,
        static_cast<int>(std::lround((n.start_quarters + n.duration_quarters) * x_scale)) - 1);
    const int y0 = y_of(n.pitch);
    fill(image, x0, y0, x1, y0 + std::max(1, row - 1), colour);
  }
  return image;
}

std::vector<std::uint8_t> encode_png(const Image& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw std::invalid_argument("encode_png: image size does not match its pixels");
  const std::string bytes = cadenza::encode_png(image.rgb.data(), image.width, image.height, 3);
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

void write_piano_roll_png(const Score& score, const std::filesystem::path& path,
                          const PianoRollOptions& options) {
  const std::vector<std::uint8_t> bytes = encode_png(render_piano_roll(score, options));
  write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace cadenza::score
