#pragma once
// The part of music21's instrument module that decides which notes the paper's preprocessing
// keeps: which Instrument a MIDI program change or a track/instrument name becomes, and under
// which instrumentName partitionByInstrument() files it.
#include <optional>
#include <string>

namespace cadenza::tokens::music21 {

struct Instrument {
  std::string class_name;                      // "Instrument" for music21's generic class
  std::optional<std::string> instrument_name;  // the key partitionByInstrument() groups by
  std::optional<std::string> part_name;
};

// instrument.instrumentFromMidiProgram(program) (channel 1-16; channel 10 gives
// UnpitchedPercussion "Percussion").
Instrument instrument_from_program(int program, int channel);

// midiEventsToInstrument() for a track name (meta 0x03) or instrument name (0x04) event:
// instrument.fromString() on the text, then the text as partName or instrumentName.
Instrument instrument_from_name(const std::string& raw_bytes, bool is_track_name);

}  // namespace cadenza::tokens::music21
