#include "features/image_io.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>

#include "common/atomic_file.h"
#include "draw/png.h"

namespace cadenza::features {

void write_npy(const std::filesystem::path& path, const LogMel& mel) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                       std::to_string(mel.bands) + ", " + std::to_string(mel.frames) + "), }";
  const size_t preamble = 10;  // magic (6) + version (2) + header length (2)
  header.append((64 - (preamble + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  write_file_atomically(path, [&](std::ostream& out) {
    out.write("\x93NUMPY\x01\x00", 8);
    const unsigned char length[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                     static_cast<unsigned char>(header.size() >> 8)};
    out.write(reinterpret_cast<const char*>(length), 2);
    out.write(header.data(), header.size());
    // x86 and ARM are little-endian, as '<f4' says
    out.write(reinterpret_cast<const char*>(mel.values.data()),
              static_cast<std::streamsize>(mel.values.size() * sizeof(float)));
  });
}

LogMel read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char preamble[10];
  if (!in.read(preamble, 10) || std::memcmp(preamble, "\x93NUMPY\x01\x00", 8) != 0)
    throw std::runtime_error("'" + path.string() + "': not a version 1.0 .npy file");
  const size_t length = static_cast<unsigned char>(preamble[8]) |
                        (static_cast<size_t>(static_cast<unsigned char>(preamble[9])) << 8);
  std::string header(length, '\0');
  in.read(header.data(), static_cast<std::streamsize>(length));
  std::smatch match;
  if (header.find("'<f4'") == std::string::npos || header.find("False") == std::string::npos ||
      !std::regex_search(header, match, std::regex(R"(\((\d+), (\d+)\))")))
    throw std::runtime_error("'" + path.string() +
                             "': expected a C-ordered 2-D float32 array, header " + header);
  LogMel mel{std::stoi(match[1]), std::stoi(match[2]), {}};
  mel.values.resize(static_cast<size_t>(mel.bands) * mel.frames);
  if (!in.read(reinterpret_cast<char*>(mel.values.data()),
               static_cast<std::streamsize>(mel.values.size() * sizeof(float))))
    throw std::runtime_error("'" + path.string() + "': data shorter than its shape");
  return mel;
}

void write_png(const std::filesystem::path& path, const LogMel& mel) {
  if (mel.bands <= 0 || mel.frames <= 0)
    throw std::runtime_error("'" + path.string() + "': empty spectrogram, no image written");
  const auto [low, high] = std::minmax_element(mel.values.begin(), mel.values.end());
  const float range = *high - *low > 0 ? *high - *low : 1.0f;
  std::vector<std::uint8_t> pixels(static_cast<size_t>(mel.bands) * mel.frames);
  for (int row = 0; row < mel.bands; ++row) {
    const int band = mel.bands - 1 - row;  // high frequencies on top
    for (int t = 0; t < mel.frames; ++t) {
      const float v = (mel.at(band, t) - *low) / range;
      pixels[static_cast<size_t>(row) * mel.frames + t] =
          static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    }
  }
  write_file_atomically(path, draw::encode_png(pixels.data(), mel.frames, mel.bands, 1));
}

}  // namespace cadenza::features
