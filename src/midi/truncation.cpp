#include "midi/truncation.h"

#include <cstring>
#include <fstream>
#include <string>

#include "midi/reader.h"

namespace cadenza::midi {
namespace {

std::uint32_t big_endian_u32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

bool is_chunk_id(const std::uint8_t* p) {
  for (int i = 0; i < 4; ++i)
    if (p[i] < 0x20 || p[i] > 0x7E) return false;
  return true;
}

// The chunk header at `offset` (8 bytes) of data `size` bytes long: throws when it is a track
// running past the end; returns false when the walk should stop (junk).
bool check_chunk(const std::uint8_t* header, std::uint64_t offset, std::uint64_t size,
                 const std::string& source) {
  if (!is_chunk_id(header)) return false;
  const std::uint64_t length = big_endian_u32(header + 4);
  const std::uint64_t left = size - offset - 8;
  if (length <= left) return true;
  if (std::memcmp(header, "MTrk", 4) != 0) return false;  // junk after the tracks
  const auto percent =
      static_cast<int>(100.0 * static_cast<double>(left) / static_cast<double>(length));
  throw ParseError(source, static_cast<std::size_t>(offset),
                   "truncated track chunk (needs " + std::to_string(length) + " bytes, " +
                       std::to_string(left) + " left): the file ends at " +
                       std::to_string(percent) +
                       "% of that track and the rest of the piece is lost (a download or copy "
                       "cut short?)");
}

}  // namespace

void check_not_truncated(const std::uint8_t* data, std::size_t size, const std::string& source) {
  if (size < 8 || std::memcmp(data, "MThd", 4) != 0) return;
  for (std::uint64_t offset = 0; offset + 8 <= size;
       offset += 8 + std::uint64_t{big_endian_u32(data + offset + 4)})
    if (!check_chunk(data + offset, offset, size, source)) return;
}

void check_not_truncated(const std::filesystem::path& path) {
  // Only the chunk headers are read: 8 bytes at each chunk start.
  std::error_code error;
  const std::uint64_t size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in) return;  // the reader reports files it cannot open
  std::uint8_t header[8];
  for (std::uint64_t offset = 0; offset + 8 <= size;
       offset += 8 + std::uint64_t{big_endian_u32(header + 4)}) {
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(reinterpret_cast<char*>(header), 8)) return;
    if (offset == 0 && std::memcmp(header, "MThd", 4) != 0) return;
    if (!check_chunk(header, offset, size, path.string())) return;
  }
}

}  // namespace cadenza::midi
