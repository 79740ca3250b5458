#pragma once
// The MidiTok 2.1.8 configuration that cadenza reproduces (shared/oracles/tokenize_miditok.py):
// MidiTok's defaults plus use_programs, use_tempos and use_time_signatures, one token stream
// for all tracks. Holds the value tables MidiTok derives from it (velocity, duration and tempo
// bins, time signatures) and the token kinds both REMI and TSD are made of.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cadenza::tokens::miditok {

// A duration or time shift: `beat` beats plus `pos` of `res` parts of a beat ("Duration_1.2.8").
struct BeatDuration {
  int beat = 0, pos = 0, res = 8;
  // MidiTok's (beat * res + pos) * ticks_per_beat // res.
  std::int64_t ticks(std::int64_t ticks_per_beat) const {
    return (static_cast<std::int64_t>(beat) * res + pos) * ticks_per_beat / res;
  }
  std::string text() const;  // "1.2.8"
};

struct Config {
  int pitch_low = 21, pitch_high = 109;  // [low, high)
  int max_beat_res = 8;                  // samples per beat where it is finest (beats 0-4)
  int max_duration_beats = 12;           // notes are clipped to this length
  std::vector<int> velocities;           // 32 bins, 3..127 (MidiTok's linspace(0,127,33)[1:])
  std::vector<int> velocity_of;          // the bin of each velocity 0..127
  std::vector<BeatDuration> durations;   // 64 values, 1/8 beat .. 12 beats
  std::vector<double> tempos;            // 32 values, linspace(40, 250, 32) rounded to 0.01
  std::vector<std::string> tempo_texts;  // as numpy prints them: "40.0", "46.77", ...
  std::vector<std::pair<int, int>> time_signatures;  // MidiTok's order: 3/8 12/8 6/8 5/4 ...
  int program_low = -1, program_high = 127;          // -1: drums
  int remi_positions = 48;                           // 8 per beat times the longest bar (6 beats)

  bool supports_time_signature(int numerator, int denominator) const;
  int quantize_velocity(int velocity) const;  // nearest bin, the lower one on ties
  int quantize_tempo(double bpm) const;       // index of the nearest tempo, lower on ties
  // Index of the duration nearest `ticks` (lower on ties) at `ticks_per_beat`.
  int nearest_duration(std::int64_t ticks, const std::vector<std::int64_t>& duration_ticks) const;
  std::vector<std::int64_t> duration_ticks(std::int64_t ticks_per_beat) const;
};

// nearest_duration() by scanning all values, as MidiTok does (for tests).
int nearest_duration_scan(std::int64_t ticks, const std::vector<std::int64_t>& duration_ticks);

// The one configuration of this project (see the file comment).
const Config& default_config();

// Python's repr() of a double ("40.0", "46.77"): how MidiTok writes tempo values.
std::string python_float_text(double value);

}  // namespace cadenza::tokens::miditok
