// libFuzzer target: the MidiTok REMI / TSD decoder on any token sequence. The first byte picks
// the scheme and the time division; every following byte pair is a token: an id of the
// scheme's vocabulary, or one of a few malformed tokens a model or a user could write. The
// sequence must decode without an exception, make a MIDI file that the writer accepts, and
// read back with exactly the decoded notes. Anything else aborts and is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/score.h"
#include "tokens/miditok_decoder.h"

namespace {

using namespace cadenza;
using namespace cadenza::tokens::miditok;

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "finding: %s\n", what);
  std::abort();
}

const std::vector<std::string>& malformed() {
  static const std::vector<std::string> tokens = {"Pitch_200",
                                                  "Pitch_-1",
                                                  "Velocity_0",
                                                  "Velocity_300",
                                                  "Position_90",
                                                  "Position_-3",
                                                  "Program_300",
                                                  "Program_-2",
                                                  "TimeSig_5/6",
                                                  "TimeSig_0/4",
                                                  "TimeSig_255/32768",
                                                  "TimeSig_1/1",
                                                  "Tempo_0.5",
                                                  "Duration_0.0.8",
                                                  "Foo_1",
                                                  "",
                                                  "Bar",
                                                  "Pitch_60_1",
                                                  "TimeShift_1.0.8",
                                                  "Bar_None"};
  return tokens;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Scheme scheme = (data[0] & 1) ? Scheme::Tsd : Scheme::Remi;
  static const std::int64_t divisions[] = {8, 384, 480, 960};
  const std::int64_t ticks_per_beat = divisions[(data[0] >> 1) & 3];
  static const MidiTokVocab remi(Scheme::Remi), tsd(Scheme::Tsd);
  const MidiTokVocab& vocab = scheme == Scheme::Remi ? remi : tsd;
  const std::size_t choices = vocab.size() + malformed().size();
  std::vector<std::string> tokens;
  for (std::size_t i = 1; i + 1 < size; i += 2) {
    const std::size_t pick = (std::size_t{data[i]} << 8 | data[i + 1]) % choices;
    tokens.push_back(pick < vocab.size() ? vocab.text(static_cast<int>(pick))
                                         : malformed()[pick - vocab.size()]);
  }
  DecodedPiece piece;
  std::vector<std::uint8_t> bytes;
  try {
    piece = decode(tokens, scheme, ticks_per_beat);
    bytes = midi::serialize(score::to_midi(to_score(piece)));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "exception: %s\n", e.what());
    finding("decoding or writing threw");
  }
  const score::Score back = score::from_midi(midi::parse(bytes.data(), bytes.size(), "decoded"));
  if (back.notes.size() != piece.note_count()) finding("the MIDI file lost or gained notes");
  return 0;
}
