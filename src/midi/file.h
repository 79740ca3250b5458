#pragma once
// Standard MIDI File (SMF) contents, as close to the bytes as is useful: tracks of events at
// absolute ticks. Reading is robust against real-world and malformed files (see reader.h).
#include <cstdint>
#include <string>
#include <vector>

namespace cadenza::midi {

enum class EventKind : std::uint8_t {
  NoteOff,            // 0x8n (and note-on with velocity 0 is kept as NoteOn; see Event)
  NoteOn,             // 0x9n
  PolyAftertouch,     // 0xAn
  ControlChange,      // 0xBn
  ProgramChange,      // 0xCn
  ChannelAftertouch,  // 0xDn
  PitchBend,          // 0xEn
  Meta,               // 0xFF type len data
  SysEx,              // 0xF0 / 0xF7 len data
};

// Meta event types we interpret; others are kept verbatim.
namespace meta {
constexpr std::uint8_t kSequenceNumber = 0x00, kText = 0x01, kCopyright = 0x02, kTrackName = 0x03,
                       kInstrumentName = 0x04, kLyric = 0x05, kMarker = 0x06, kCuePoint = 0x07,
                       kChannelPrefix = 0x20, kEndOfTrack = 0x2F, kTempo = 0x51,
                       kSmpteOffset = 0x54, kTimeSignature = 0x58, kKeySignature = 0x59,
                       kSequencerSpecific = 0x7F;
}

struct Event {
  std::uint64_t tick = 0;  // absolute time in ticks from the start of the track
  EventKind kind = EventKind::Meta;
  std::uint8_t channel = 0;          // 0-15 for channel messages
  std::uint8_t data1 = 0;            // key / controller / program / pressure / bend LSB
  std::uint8_t data2 = 0;            // velocity / value / bend MSB
  std::uint8_t meta_type = 0;        // for Meta
  std::uint8_t sysex_status = 0xF0;  // for SysEx: 0xF0 or 0xF7 (escape)
  std::string data;                  // Meta / SysEx payload bytes

  bool is_note_on() const { return kind == EventKind::NoteOn && data2 > 0; }
  bool is_note_off() const {
    return kind == EventKind::NoteOff || (kind == EventKind::NoteOn && data2 == 0);
  }
};

struct Track {
  std::vector<Event> events;  // in file order (ticks non-decreasing)
};

// Time division from the header. Real files sometimes write a PPQ above 32767 (top bit set,
// e.g. 55440 = 0xD890); a reader treats it as PPQ when the SMPTE frame rate byte is not one of
// -24, -25, -29, -30 (see reader.cpp).
struct Division {
  bool smpte = false;
  int ticks_per_quarter = 480;  // when !smpte
  int frames_per_second = 0;    // when smpte: 24, 25, 29 (29.97 drop-frame) or 30
  int ticks_per_frame = 0;      // when smpte
};

struct File {
  int format = 1;  // 0, 1 or 2
  Division division;
  std::vector<Track> tracks;
  // What the reader tolerated (e.g. an out-of-range data byte), "byte N: what"; at most 20.
  std::vector<std::string> warnings;
};

}  // namespace cadenza::midi
