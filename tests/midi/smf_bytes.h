#pragma once
// Builds Standard MIDI File bytes by hand for tests: a header, chunks and track bodies.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace cadenza::testing {

using Bytes = std::vector<std::uint8_t>;

inline void append(Bytes& out, const Bytes& more) {
  out.insert(out.end(), more.begin(), more.end());
}

inline Bytes be32(std::uint32_t v) {
  return {std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)};
}

// A chunk: 4-character id, big-endian length, body.
inline Bytes chunk(const std::string& id, const Bytes& body) {
  Bytes out(id.begin(), id.end());
  append(out, be32(static_cast<std::uint32_t>(body.size())));
  append(out, body);
  return out;
}

// The 14-byte header chunk.
inline Bytes header(int format, int tracks, std::uint16_t division) {
  return chunk("MThd", {0, std::uint8_t(format), std::uint8_t(tracks >> 8), std::uint8_t(tracks),
                        std::uint8_t(division >> 8), std::uint8_t(division)});
}

// A whole file: header (announcing as many tracks as given) and one MTrk per body.
inline Bytes smf(int format, std::uint16_t division, std::initializer_list<Bytes> bodies) {
  Bytes out = header(format, static_cast<int>(bodies.size()), division);
  for (const Bytes& body : bodies) append(out, chunk("MTrk", body));
  return out;
}

}  // namespace cadenza::testing
