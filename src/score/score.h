#pragma once
// A score: notes with onset and duration in ticks, quarter notes and seconds, plus the tempo
// map and signatures. The bridge between MIDI files and tokenizers.
#include <cstdint>
#include <string>
#include <vector>

#include "midi/file.h"

namespace cadenza::score {

struct Note {
  int pitch = 60;  // MIDI key 0-127
  int velocity = 64;
  int channel = 0;  // 0-15; 9 is GM drums
  int program = 0;  // GM program 0-127 active on the channel at the onset
  int track = 0;    // index of the MIDI track it came from
  std::int64_t start_tick = 0, end_tick = 0;
  double start_quarters = 0, duration_quarters = 0;
  double start_seconds = 0, duration_seconds = 0;
  bool is_drum() const { return channel == 9; }
};

struct TempoChange {
  std::int64_t tick = 0;
  double microseconds_per_quarter = 500000;  // 120 BPM
  double bpm() const { return 60e6 / microseconds_per_quarter; }
};

struct TimeSignature {
  std::int64_t tick = 0;
  int numerator = 4, denominator = 4;
};

struct KeySignature {
  std::int64_t tick = 0;
  int sharps = 0;  // negative: flats
  bool minor = false;
};

struct TrackInfo {
  std::string name;        // track name meta event, if any
  std::string instrument;  // instrument name meta event, if any
  int program = -1;        // first program change in the track, -1 if none
  int channel = -1;        // first channel used by a note, -1 if none
};

struct Score {
  int ticks_per_quarter = 480;
  std::vector<Note> notes;          // sorted by start_tick, then pitch
  std::vector<TempoChange> tempos;  // sorted, first at tick 0 (120 BPM when the file has none)
  std::vector<TimeSignature> time_signatures;
  std::vector<KeySignature> key_signatures;
  std::vector<TrackInfo> tracks;

  double seconds_at(std::int64_t tick) const;  // through the tempo map
  double duration_seconds() const;             // end of the last note
};

// Pairs note-ons with note-offs (velocity-0 note-on is a note-off; overlapping notes of one
// pitch and channel are paired first-in first-out; notes left open end at the track's end).
// Format 0/1: tempo and program changes of any track apply to all (in the order a player
// merging tracks by tick, then track index, meets them); format 2: each track is independent
// and `tempos` holds track 0's. SMPTE divisions: ticks are doubled and ticks_per_quarter is the
// nominal ticks per second, so that quarters = seconds * 2 at the implied 120 BPM.
Score from_midi(const midi::File& file);

// Format 1 with the score's ticks_per_quarter: every note stays in its track (track 0 also
// holds tempos and signatures), program changes are written just before the note-ons that
// need them. from_midi(to_midi(s)) has the same notes as s for any s made by from_midi.
// Throws std::invalid_argument for what MIDI cannot hold (pitch > 127, 5/6 time, ...).
midi::File to_midi(const Score& score);

}  // namespace cadenza::score
