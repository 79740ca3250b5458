#pragma once
// A MIDI file as miditoolkit 1.0.1 (through mido 1.2.10) presents it to MidiTok 2.1.8, built
// from cadenza's own reader (midi::File). What it reproduces:
// - instruments: one per (program, channel, track), in the order their first note ends; the
//   program is the channel's last program change in the same track (0 before any; program
//   changes of other tracks do not count); channel 10 (index 9) is drums;
// - notes: a note-off (or note-on with velocity 0) closes the oldest open note of its channel
//   and pitch (first in, first out); notes never closed are dropped;
// - tempos: every track in order; a tempo at tick 0 replaces all collected so far, another is
//   kept when its BPM differs from the last kept one (60e6 / microseconds per quarter); a 120
//   BPM tempo at tick 0 when the file has none. The list is not sorted (miditoolkit does not);
// - time signatures: every track in order, then sorted by tick (stable).
// Where mido would refuse the file (a data byte above 127, a division above 32767, a malformed
// tempo or time signature meta event), the file is still read and `mido_refusals` says why.
#include <cstdint>
#include <string>
#include <vector>

#include "midi/file.h"

namespace cadenza::tokens::miditok {

struct ToolkitNote {
  std::int64_t start = 0, end = 0;
  int pitch = 60, velocity = 64;
};

struct ToolkitInstrument {
  int program = 0;
  bool is_drum = false;
  std::vector<ToolkitNote> notes;  // in the order miditoolkit appends them (by note-off)
};

struct ToolkitTempo {
  double bpm = 120;
  std::int64_t tick = 0;
};

struct ToolkitTimeSignature {
  int numerator = 4;
  std::int64_t denominator = 4;  // 2 ** the file's exponent byte (kept large if it is large)
  std::int64_t tick = 0;
};

struct ToolkitMidi {
  std::int64_t ticks_per_beat = 480;
  std::vector<ToolkitInstrument> instruments;
  std::vector<ToolkitTempo> tempos;
  std::vector<ToolkitTimeSignature> time_signatures;
  std::vector<std::string> mido_refusals;  // why mido 1.2.10 would not read it (empty: it would)
};

ToolkitMidi toolkit_midi(const midi::File& file);

}  // namespace cadenza::tokens::miditok
