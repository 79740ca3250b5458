#include "tokens/paper_decoder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "midi/writer.h"
#include "tokens/pitch_names.h"

namespace cadenza::tokens {
namespace {

// "0.4.7" -> {0, 4, 7}; empty when the token is not a chord of pitch classes 0-11.
std::vector<int> parse_chord(const std::string& token) {
  std::vector<int> pcs;
  std::size_t i = 0;
  while (i < token.size()) {
    std::size_t j = i;
    int value = 0;
    while (j < token.size() && std::isdigit(static_cast<unsigned char>(token[j])) && j - i < 2)
      value = value * 10 + (token[j++] - '0');
    if (j == i || value > 11) return {};
    pcs.push_back(value);
    if (j == token.size()) break;
    if (token[j] != '.' || j + 1 == token.size()) return {};
    i = j + 1;
  }
  return pcs;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("paper decoder: " + what);
}

}  // namespace

score::Score paper_tokens_to_score(const std::vector<std::string>& tokens,
                                   const DecodeOptions& options) {
  check(options.bpm > 0 && options.bpm <= 1000, "bpm must be in (0, 1000]");
  check(options.program >= 0 && options.program <= 127, "program must be 0-127");
  check(options.velocity >= 1 && options.velocity <= 127, "velocity must be 1-127");
  check(options.ticks_per_quarter >= 1 && options.ticks_per_quarter <= 32767,
        "ticks per quarter must be 1-32767");
  check(options.step_quarters > 0 && options.note_quarters > 0,
        "step and note length must be positive");
  check(options.chord_octave >= -1 && options.chord_octave <= 9, "chord octave must be -1..9");

  score::Score score;
  score.ticks_per_quarter = options.ticks_per_quarter;
  score.tempos.push_back({0, 60e6 / options.bpm});
  score.time_signatures.push_back({0, 4, 4});
  score::TrackInfo track;
  track.name = "Piano";
  track.program = options.program;
  track.channel = 0;
  score.tracks.push_back(track);

  const double seconds_per_quarter = 60.0 / options.bpm;
  const auto to_ticks = [&](double quarters) {
    return static_cast<std::int64_t>(std::llround(quarters * options.ticks_per_quarter));
  };
  const std::int64_t length = std::max<std::int64_t>(1, to_ticks(options.note_quarters));
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    std::vector<int> pitches;
    if (const auto pitch = parse_pitch_name(token)) {
      pitches.push_back(*pitch);
    } else {
      for (int pc : parse_chord(token)) {
        const int midi = (options.chord_octave + 1) * 12 + pc;
        if (midi < 0 || midi > 127)
          throw std::invalid_argument("paper decoder: chord octave out of range");
        pitches.push_back(midi);
      }
    }
    if (pitches.empty())
      throw std::invalid_argument("paper decoder: token " + std::to_string(i + 1) + " '" + token +
                                  "' is neither a pitch name (like C#4, E-5, Db4) nor a chord "
                                  "of pitch classes 0-11 (like 0.4.7)");
    const std::int64_t start = to_ticks(static_cast<double>(i) * options.step_quarters);
    for (int pitch : pitches) {
      score::Note note;
      note.pitch = pitch;
      note.velocity = options.velocity;
      note.channel = 0;
      note.program = options.program;
      note.track = 0;
      note.start_tick = start;
      note.end_tick = start + length;
      note.start_quarters = static_cast<double>(start) / options.ticks_per_quarter;
      note.duration_quarters = static_cast<double>(length) / options.ticks_per_quarter;
      note.start_seconds = note.start_quarters * seconds_per_quarter;
      note.duration_seconds = note.duration_quarters * seconds_per_quarter;
      score.notes.push_back(note);
    }
  }
  std::stable_sort(score.notes.begin(), score.notes.end(),
                   [](const score::Note& a, const score::Note& b) {
                     if (a.start_tick != b.start_tick) return a.start_tick < b.start_tick;
                     return a.pitch < b.pitch;
                   });
  return score;
}

void write_paper_tokens_midi(const std::vector<std::string>& tokens, const DecodeOptions& options,
                             const std::filesystem::path& path) {
  midi::write(score::to_midi(paper_tokens_to_score(tokens, options)), path);
}

}  // namespace cadenza::tokens
