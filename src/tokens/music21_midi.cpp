#include "tokens/music21_midi.h"

#include <stdexcept>

namespace cadenza::tokens::music21 {
namespace {

// A view of the bytes left to read; music21 works on successive slices of one bytes object.
struct Slice {
  const std::uint8_t* base;
  std::size_t pos, end;
  std::size_t size() const { return end - pos; }
  std::uint8_t operator[](std::size_t i) const { return base[pos + i]; }
};

[[noreturn]] void fail(const std::string& source, std::size_t offset, const std::string& what) {
  throw std::runtime_error(source + ": byte " + std::to_string(offset) + ": " + what);
}

std::uint32_t big_endian(const std::uint8_t* p, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

// music21's getVariableLengthNumber: reads until a byte below 0x80. Returns false when the
// bytes run out first. Values are capped so absurd numbers cannot overflow.
bool read_vlq(const Slice& s, std::size_t from, std::uint64_t& value, std::size_t& next) {
  value = 0;
  for (std::size_t i = from; i < s.size(); ++i) {
    const std::uint8_t b = s[i];
    if (value < (std::uint64_t{1} << 56)) value = (value << 7) | (b & 0x7F);
    if (!(b & 0x80)) {
      next = i + 1;
      return true;
    }
  }
  return false;
}

// Parses one event at the start of `s` (after its delta time). Returns the number of bytes
// consumed, 0 when music21 would raise MidiException (the event is skipped), or s.size() with
// `end_track` set when fewer than 2 bytes remain.
std::size_t read_event(const Slice& s, int& last_status, Event& event, bool& end_track) {
  if (s.size() < 2) {
    end_track = true;
    return s.size();
  }
  // With running status music21 prepends the remembered status byte, so the event sees one
  // more byte than the track holds; `shift` converts back to track bytes.
  std::uint8_t status = s[0];
  std::size_t shift = 0;
  if (status < 0x80) {
    status = static_cast<std::uint8_t>(last_status >= 0 ? last_status : 0x90);
    shift = 1;
  } else if (status != 0xFF) {
    last_status = status;
  }
  auto byte_at = [&](std::size_t i) -> int {  // i indexes the event including the status byte
    const std::size_t k = i - shift;
    return k < s.size() ? s[k] : -1;
  };
  const std::size_t event_size = s.size() + shift;
  const int msg = status & 0xF0;
  if (msg >= 0x80 && msg <= 0xE0) {
    event.channel = (status & 0x0F) + 1;
    const int b1 = byte_at(1);
    const int b2 = event_size > 2 ? byte_at(2) : 0;
    switch (msg) {
      case 0xC0:
      case 0xD0:
        if (b1 > 127) return 0;
        event.kind = msg == 0xC0 ? EventKind::ProgramChange : EventKind::Other;
        event.data1 = b1;
        return std::min<std::size_t>(2, event_size) - shift;
      case 0x80:
      case 0x90:
        event.kind = msg == 0x90 ? EventKind::NoteOn : EventKind::NoteOff;
        event.data1 = b1;
        event.data2 = b2;
        break;
      default:
        event.kind = EventKind::Other;
        break;
    }
    return std::min<std::size_t>(3, event_size) - shift;
  }
  if (status == 0xF0 || status == 0xF7) {
    std::uint64_t length = 0;
    std::size_t next = 0;
    if (!read_vlq(s, 1 - shift, length, next)) return 0;
    event.kind = EventKind::Other;
    return static_cast<std::size_t>(std::min<std::uint64_t>(next + length, s.size()));
  }
  if (status == 0xFF && shift == 0) {
    std::uint64_t length = 0;
    std::size_t next = 0;
    if (!read_vlq(s, 2, length, next)) return 0;
    const std::size_t end =
        static_cast<std::size_t>(std::min<std::uint64_t>(next + length, s.size()));
    event.kind = EventKind::Meta;
    event.meta_type = s[1];
    event.data.assign(reinterpret_cast<const char*>(s.base + s.pos + next), end - next);
    return end;
  }
  return 0;  // 0xF1-0xFE: "Unknown midi event type"
}

Track read_track(const std::uint8_t* data, std::size_t begin, std::size_t end) {
  Track track;
  Slice s{data, begin, end};
  std::int64_t time = 0;
  int last_status = -1;
  while (s.size() > 0) {
    std::uint64_t delta = 0;
    std::size_t after_delta = 0;
    if (!read_vlq(s, 0, delta, after_delta)) break;  // a truncated delta time ends the track
    Slice rest{data, s.pos + after_delta, s.end};
    Event event;
    bool end_track = false;
    int status_copy = last_status;
    const std::size_t used = read_event(rest, status_copy, event, end_track);
    if (end_track) break;
    if (used == 0) {  // skipped; the next event inherits the status of the last kept one
      s = rest;
      continue;
    }
    last_status = status_copy;
    // Saturating, so that absurd delta times cannot overflow.
    const std::int64_t step =
        static_cast<std::int64_t>(std::min<std::uint64_t>(delta, std::uint64_t{1} << 40));
    time = std::min<std::int64_t>(time + step, std::int64_t{1} << 62);
    event.tick = time;
    track.events.push_back(std::move(event));
    s = Slice{data, rest.pos + used, s.end};
  }
  return track;
}

}  // namespace

bool Track::has_notes() const {
  for (const Event& e : events)
    if (e.is_note_on()) return true;
  return false;
}

File parse(const std::uint8_t* data, std::size_t size, const std::string& source) {
  if (size < 14 || big_endian(data, 4) != 0x4D546864u)  // "MThd"
    fail(source, 0, "not a MIDI file (expected the MThd header chunk)");
  const std::uint32_t header_length = big_endian(data + 4, 4);
  File file;
  if (header_length != 6) file.music21_failure = "badly formatted midi bytes (header length)";
  file.format = static_cast<int>(big_endian(data + 8, 2));
  if (file.format != 0 && file.format != 1 && file.music21_failure.empty())
    file.music21_failure = "cannot handle midi file format: " + std::to_string(file.format);
  const std::uint32_t track_count = big_endian(data + 10, 2);
  const std::uint32_t division = big_endian(data + 12, 2);
  if (division & 0x8000) {
    const int ticks_per_frame = division & 0xFF;
    if (ticks_per_frame == 24 || ticks_per_frame == 25 || ticks_per_frame == 29 ||
        ticks_per_frame == 30) {
      file.ticks_per_quarter = 1024;  // music21 leaves its default
    } else {
      // music21 fails here; the real-world meaning is a PPQ above 32767 (see SOURCES.md).
      if (file.music21_failure.empty())
        file.music21_failure = "cannot handle ticks per frame: " + std::to_string(ticks_per_frame);
      file.ticks_per_quarter = static_cast<int>(division);
    }
  } else {
    file.ticks_per_quarter = static_cast<int>(division);
  }
  if (file.ticks_per_quarter == 0) fail(source, 12, "division of 0 ticks per quarter note");
  std::size_t pos = 8 + static_cast<std::size_t>(header_length);
  if (pos > size) fail(source, 4, "header chunk runs past the end of the file");
  for (std::uint32_t i = 0; i < track_count; ++i) {
    if (size - pos < 8 || big_endian(data + pos, 4) != 0x4D54726Bu) {  // "MTrk"
      if (file.music21_failure.empty())
        file.music21_failure = "badly formed midi string: missing leading MTrk";
      if (file.tracks.empty()) fail(source, pos, "expected an MTrk track chunk");
      break;
    }
    const std::uint32_t length = big_endian(data + pos + 4, 4);
    const std::size_t begin = pos + 8;
    const std::size_t end = std::min<std::size_t>(size, begin + length);
    file.tracks.push_back(read_track(data, begin, end));
    pos = end;
  }
  return file;
}

}  // namespace cadenza::tokens::music21
