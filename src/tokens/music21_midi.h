#pragma once
// A Standard MIDI File event reader that behaves like music21 9.1's midi.MidiFile.readstr, bugs
// and leniency included, so that the paper tokenizer sees exactly the events music21 sees:
//  - only the number of tracks the header announces is read; bytes after them are ignored;
//  - a track reads every event inside its chunk, also after an end-of-track meta event;
//  - running status survives meta events, is set by sysex status bytes too, and defaults to
//    0x90 (note-on) when a track starts with a data byte;
//  - an event that cannot be parsed (status 0xF1-0xFE, program change > 127, a truncated
//    variable-length length) is skipped after its delta time, and reading continues at the
//    byte after that delta time;
//  - fewer than 2 bytes left in a track end the track.
// Where music21 gives up (SMPTE division with an unknown frame rate, formats other than 0 and 1)
// the reader still returns the file and records why music21 would have failed, so callers may
// choose to be better than music21. Errors that even a lenient reader cannot get past (no MThd,
// a missing MTrk chunk) throw std::runtime_error naming the source and byte offset.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cadenza::tokens::music21 {

enum class EventKind : std::uint8_t { NoteOn, NoteOff, ProgramChange, Meta, Other };

struct Event {
  std::int64_t tick = 0;
  EventKind kind = EventKind::Other;
  int channel = 1;  // 1-16, as music21 numbers them
  int data1 = 0;    // pitch or program
  int data2 = 0;    // velocity
  int meta_type = -1;
  std::string data;  // meta payload

  // music21: a note-on with velocity 0 is a note-off.
  bool is_note_on() const { return kind == EventKind::NoteOn && data2 != 0; }
  bool is_note_off() const {
    return kind == EventKind::NoteOff || (kind == EventKind::NoteOn && data2 == 0);
  }
};

struct Track {
  std::vector<Event> events;  // file order
  bool has_notes() const;     // any note-on with velocity > 0
};

struct File {
  int format = 1;
  int ticks_per_quarter = 1024;  // music21 keeps its default 1024 for SMPTE files
  std::vector<Track> tracks;
  std::string music21_failure;  // non-empty: music21 9.1 would refuse this file, and why
};

File parse(const std::uint8_t* data, std::size_t size, const std::string& source);

}  // namespace cadenza::tokens::music21
