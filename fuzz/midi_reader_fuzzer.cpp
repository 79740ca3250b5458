// libFuzzer target: midi::parse on arbitrary bytes, then score::from_midi on what it accepts,
// then the writer and the reader again. Malformed input may only end in midi::ParseError; an
// accepted file must survive to_midi -> serialize -> parse -> from_midi with the same notes
// (ticks, pitch, velocity, channel, program, track). Anything else aborts and is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/score.h"

namespace {

using namespace cadenza;

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "finding: %s\n", what);
  std::abort();
}

void check_round_trip(const score::Score& first) {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = midi::serialize(score::to_midi(first));
  } catch (const std::invalid_argument&) {
    return;  // e.g. a gap between kept events beyond the 28-bit delta limit: refused cleanly
  }
  const score::Score second = score::from_midi(midi::parse(bytes.data(), bytes.size(), "rt"));
  if (second.notes.size() != first.notes.size()) finding("round trip changed the note count");
  for (std::size_t i = 0; i < first.notes.size(); ++i) {
    const score::Note &a = first.notes[i], &b = second.notes[i];
    if (a.pitch != b.pitch || a.velocity != b.velocity || a.channel != b.channel ||
        a.program != b.program || a.track != b.track || a.start_tick != b.start_tick ||
        a.end_tick != b.end_tick) {
      finding("round trip changed a note");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  midi::File file;
  try {
    file = midi::parse(data, size, "fuzz");
  } catch (const midi::ParseError&) {
    return 0;
  }
  const score::Score score = score::from_midi(file);
  for (const score::Note& note : score.notes) {
    if (note.end_tick < note.start_tick || note.duration_seconds < 0) finding("negative duration");
  }
  check_round_trip(score);
  return 0;
}
