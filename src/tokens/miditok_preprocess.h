#pragma once
// MidiTok 2.1.8's preprocess_midi() and event list for one token stream, shared by REMI and TSD:
// 1. instruments of one program merge (all drums are one program, -1), notes stably sorted by
//    (start, pitch);
// 2. per instrument: pitches outside [21, 109) dropped; onsets rounded to 1/8 beat (a tie goes
//    down); a note longer than 12 beats is cut to 12 beats, any other offset is rounded the same
//    way (a note that rounds to nothing lasts 1/8 beat); velocities to the nearest of 32 bins;
//    notes stably sorted by (start, pitch, end); of notes with one pitch and onset only the last
//    is kept; instruments left without notes are removed;
// 3. tempos: to the nearest of 32 values, times rounded to 1/8 beat, a tempo landing on the
//    time of the one before it replaces it;
// 4. time signatures (4/4 at 0 when the file has none): each one moved to the start of the next
//    bar of the one before it, and one landing on the time of the one before replaces it.
// Then the events: time signatures, tempos and notes stably sorted by time, time signatures and
// tempos first at equal times; notes in instrument order, then in their sorted order.
#include <cstdint>
#include <string>
#include <vector>

#include "tokens/miditok_config.h"
#include "tokens/miditoolkit_midi.h"

namespace cadenza::tokens::miditok {

struct StreamEvent {
  enum class Kind : std::uint8_t { TimeSig, Tempo, Note } kind = Kind::Note;
  std::int64_t time = 0;
  // TimeSig: numerator, denominator. Tempo: tempo index. Note: program (-1 drums), pitch,
  // velocity, duration index; `end` is the note's quantized offset.
  int a = 0, b = 0, c = 0, d = 0;
  std::int64_t end = 0;
};

struct PreparedStream {
  std::int64_t ticks_per_beat = 480;  // after the extension's scaling, if any
  std::vector<StreamEvent> events;
  std::int64_t notes_kept = 0;
  // Why MidiTok 2.1.8 would refuse this file (empty: it would tokenize it); the tokens are
  // then made by the documented extension (docs/tokenizer.md).
  std::vector<std::string> refusals;
};

// `midi` is consumed (preprocessed in place).
PreparedStream prepare_stream(ToolkitMidi& midi, const Config& config = default_config());

// MidiTok's int(ticks_per_beat * 4 * numerator / denominator), at least 1.
std::int64_t ticks_per_bar(std::int64_t ticks_per_beat, int numerator, std::int64_t denominator);

// Python's floor division.
inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace cadenza::tokens::miditok
