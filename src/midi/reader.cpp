// Standard MIDI File reader. Tolerates what real files do (running status, missing end of
// track, a track count that disagrees with the header, unknown chunks, trailing junk, a PPQ
// above 32767 with the top bit set, RIFF RMID wrapping) and rejects what cannot be read with
// a ParseError that names the file and the byte offset.
#include "midi/reader.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <vector>

#include "midi/byte_cursor.h"

namespace cadenza::midi {

ParseError::ParseError(const std::string& source, std::size_t offset, const std::string& what)
    : std::runtime_error(source + ": byte " + std::to_string(offset) + ": " + what),
      source_(source),
      offset_(offset) {}

namespace {

using detail::ByteCursor;

std::string hex(unsigned value) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out = "0x";
  out += digits[(value >> 4) & 0xF];
  out += digits[value & 0xF];
  return out;
}

std::string chunk_name(const std::uint8_t* id) {
  std::string name;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>(id[i]);
    name += (c >= 0x20 && c < 0x7F) ? std::string(1, c) : hex(id[i]);
  }
  return "'" + name + "'";
}

bool is_chunk_id(const std::uint8_t* id) {
  for (int i = 0; i < 4; ++i) {
    if (id[i] < 0x20 || id[i] >= 0x7F) return false;
  }
  return true;
}

// SMPTE divisions store the negative frame rate in the high byte; only these four exist.
Division decode_division(std::uint16_t raw, ByteCursor& cursor) {
  Division division;
  const auto high = static_cast<std::int8_t>(raw >> 8);
  if ((raw & 0x8000) != 0 && (high == -24 || high == -25 || high == -29 || high == -30)) {
    division.smpte = true;
    division.frames_per_second = -high;
    division.ticks_per_frame = raw & 0xFF;
    if (division.ticks_per_frame == 0) cursor.fail_at(12, "SMPTE division with 0 ticks per frame");
  } else {
    division.ticks_per_quarter = raw;  // includes the top-bit PPQ of real files (e.g. 55440)
    if (raw == 0) cursor.fail_at(12, "division of 0 ticks per quarter note");
  }
  return division;
}

constexpr std::size_t kMaxWarnings = 20;

int channel_data_bytes(std::uint8_t status) {
  const std::uint8_t type = status & 0xF0;
  return (type == 0xC0 || type == 0xD0) ? 1 : 2;
}

EventKind channel_kind(std::uint8_t status) {
  switch (status & 0xF0) {
    case 0x80:
      return EventKind::NoteOff;
    case 0x90:
      return EventKind::NoteOn;
    case 0xA0:
      return EventKind::PolyAftertouch;
    case 0xB0:
      return EventKind::ControlChange;
    case 0xC0:
      return EventKind::ProgramChange;
    case 0xD0:
      return EventKind::ChannelAftertouch;
    default:
      return EventKind::PitchBend;
  }
}

// Data bytes of system common / real-time messages, which do not belong in a file but occur;
// they are skipped. -1: undefined status.
int system_message_data_bytes(std::uint8_t status) {
  switch (status) {
    case 0xF1:
    case 0xF3:
      return 1;
    case 0xF2:
      return 2;
    case 0xF6:
    case 0xF8:
    case 0xFA:
    case 0xFB:
    case 0xFC:
    case 0xFE:
      return 0;
    default:
      return -1;
  }
}

// A data byte should be below 0x80. Some real files hold a larger one where a data byte
// belongs (a velocity of 0x80, a truncated controller followed by 0xFF); like music21 and
// mido's clip mode the byte is consumed as data and clamped to 127, which keeps the stream in
// step, and a warning is recorded.
std::uint8_t data_byte(ByteCursor& cursor, std::uint8_t status,
                       std::vector<std::string>& warnings) {
  const std::uint8_t value = cursor.byte("a data byte");
  if ((value & 0x80) == 0) return value;
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back("byte " + std::to_string(cursor.offset() - 1) + ": data byte " + hex(value) +
                       " after status " + hex(status) + " clamped to 127");
  }
  return 0x7F;
}

Track parse_track(ByteCursor cursor, std::vector<std::string>& warnings) {
  Track track;
  // Events take at least 3 bytes (delta, status or running data, data), except a few.
  track.events.reserve(cursor.remaining() / 3);
  std::uint64_t tick = 0;
  std::uint8_t running_status = 0;  // 0: none
  while (!cursor.at_end()) {
    tick += cursor.variable_length("delta time");
    const std::size_t event_offset = cursor.offset();
    std::uint8_t status = cursor.peek("an event");
    if (status & 0x80) {
      cursor.byte("status");
    } else if (running_status != 0) {
      status = running_status;
    } else {
      cursor.fail("data byte " + hex(status) + " without a running status");
    }

    Event event;
    event.tick = tick;
    if (status < 0xF0) {
      running_status = status;
      event.kind = channel_kind(status);
      event.channel = status & 0x0F;
      event.data1 = data_byte(cursor, status, warnings);
      if (channel_data_bytes(status) == 2) event.data2 = data_byte(cursor, status, warnings);
    } else if (status == 0xFF) {
      running_status = 0;  // meta and sysex cancel running status
      event.kind = EventKind::Meta;
      event.meta_type = cursor.byte("a meta event type");
      if (event.meta_type & 0x80) {
        cursor.fail_at(cursor.offset() - 1,
                       "meta event type " + hex(event.meta_type) + " has the top bit set");
      }
      const std::uint32_t length = cursor.variable_length("meta event length");
      event.data = cursor.bytes(length, "meta event");
      track.events.push_back(std::move(event));
      if (track.events.back().meta_type == meta::kEndOfTrack) break;  // the rest is padding
      continue;
    } else if (status == 0xF0 || status == 0xF7) {
      running_status = 0;
      event.kind = EventKind::SysEx;
      event.sysex_status = status;
      const std::uint32_t length = cursor.variable_length("sysex length");
      event.data = cursor.bytes(length, "sysex event");
    } else {
      const int data_bytes = system_message_data_bytes(status);
      if (data_bytes < 0) cursor.fail_at(event_offset, "undefined status byte " + hex(status));
      if (status < 0xF8) running_status = 0;  // system common cancels it, real-time does not
      for (int i = 0; i < data_bytes; ++i) data_byte(cursor, status, warnings);
      continue;
    }
    track.events.push_back(std::move(event));
  }
  return track;
}

// RIFF lengths are little-endian.
std::uint32_t riff_length(ByteCursor& cursor) {
  const std::uint32_t big = cursor.u32("RIFF chunk length");
  return ((big & 0xFF) << 24) | ((big & 0xFF00) << 8) | ((big >> 8) & 0xFF00) | (big >> 24);
}

// Finds the SMF inside a RIFF RMID file ("RIFF" size "RMID" ... "data" size <SMF>).
void unwrap_riff(const std::uint8_t* data, std::size_t size, const std::string& source,
                 std::size_t& begin, std::size_t& end) {
  ByteCursor cursor(data, 0, size, source);
  cursor.skip(4, "RIFF header");
  const std::uint32_t riff_size = riff_length(cursor);
  if (cursor.remaining() < 4 || std::string(reinterpret_cast<const char*>(data + 8), 4) != "RMID") {
    cursor.fail("RIFF file is not RMID (not a MIDI file)");
  }
  cursor.skip(4, "RIFF header");
  const std::size_t riff_end = std::min<std::size_t>(size, std::size_t{8} + riff_size);
  while (cursor.offset() + 8 <= riff_end) {
    const std::size_t chunk_offset = cursor.offset();
    const std::string id = cursor.bytes(4, "RIFF chunk");
    const std::uint32_t length = riff_length(cursor);
    if (id == "data") {
      cursor.require(length, "RIFF data chunk");
      begin = cursor.offset();
      end = begin + length;
      return;
    }
    if (length > cursor.remaining()) {
      cursor.fail_at(chunk_offset, "truncated RIFF chunk (needs " + std::to_string(length) +
                                       " bytes, " + std::to_string(cursor.remaining()) + " left)");
    }
    cursor.skip(length + (length & 1), "RIFF chunk");
  }
  cursor.fail("RIFF RMID file without a 'data' chunk");
}

}  // namespace

File parse(const std::uint8_t* data, std::size_t size, const std::string& source) {
  if (size == 0) throw ParseError(source, 0, "empty file (not a MIDI file)");
  std::size_t begin = 0, end = size;
  if (size >= 4 && std::string(reinterpret_cast<const char*>(data), 4) == "RIFF") {
    unwrap_riff(data, size, source, begin, end);
  }

  ByteCursor cursor(data, begin, end, source);
  if (cursor.remaining() < 4 ||
      std::string(reinterpret_cast<const char*>(data + begin), 4) != "MThd") {
    cursor.fail("not a MIDI file (expected 'MThd')");
  }
  cursor.skip(4, "header chunk");
  const std::uint32_t header_length = cursor.u32("header chunk length");
  if (header_length < 6) {
    cursor.fail_at(begin + 4,
                   "header chunk too short (" + std::to_string(header_length) + " bytes, needs 6)");
  }
  cursor.require(header_length, "header chunk");
  const std::size_t header_end = cursor.offset() + header_length;
  File file;
  const std::size_t format_offset = cursor.offset();
  const std::uint16_t format = cursor.u16("format");
  if (format > 2)
    cursor.fail_at(format_offset, "unknown MIDI file format " + std::to_string(format));
  file.format = format;
  const std::uint16_t announced_tracks = cursor.u16("track count");
  file.division = decode_division(cursor.u16("division"), cursor);
  cursor.skip(header_end - cursor.offset(), "header chunk");  // longer headers: extensions

  // The header's track count is not trusted (real files lie): every MTrk chunk is read.
  file.tracks.reserve(std::min<std::size_t>(announced_tracks, cursor.remaining() / 8));
  while (cursor.remaining() >= 8) {
    const std::size_t chunk_offset = cursor.offset();
    const std::uint8_t* id = data + chunk_offset;
    if (!is_chunk_id(id)) break;  // trailing junk after the last chunk
    cursor.skip(4, "chunk type");
    const std::uint32_t length = cursor.u32("chunk length");
    const bool is_track = std::string(reinterpret_cast<const char*>(id), 4) == "MTrk";
    if (length > cursor.remaining()) {
      if (!is_track) break;  // an unknown chunk running past the end: junk
      cursor.fail_at(chunk_offset, "truncated track chunk (needs " + std::to_string(length) +
                                       " bytes, " + std::to_string(cursor.remaining()) + " left)");
    }
    if (is_track) {
      file.tracks.push_back(parse_track(
          ByteCursor(data, cursor.offset(), cursor.offset() + length, source), file.warnings));
    }
    cursor.skip(length, chunk_name(id).c_str());
  }
  if (file.tracks.empty() && announced_tracks > 0) {
    cursor.fail("no track chunk found (header announces " + std::to_string(announced_tracks) + ")");
  }
  return file;
}

File read(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw ParseError(path.string(), 0, "is a directory, not a MIDI file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(path.string(), 0, "cannot open file");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (in.bad()) throw ParseError(path.string(), 0, "read error");
  return parse(bytes.data(), bytes.size(), path.string());
}

}  // namespace cadenza::midi
