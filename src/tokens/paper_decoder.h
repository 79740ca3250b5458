#pragma once
// The paper's way back from tokens to music (PAPER.md section 3): every token becomes a note
// (a pitch name such as "C#4", "E-5", "B-3"; "Db4" style is accepted too) or a chord (pitch
// classes joined by '.', such as "0.4.7", placed in octave 4: 0 -> C4 = MIDI 60), each element
// `step_quarters` after the previous one, on one piano track.
#include <filesystem>
#include <string>
#include <vector>

#include "score/score.h"

namespace cadenza::tokens {

struct DecodeOptions {
  double bpm = 120;            // constant tempo
  int program = 0;             // GM program (0 = acoustic grand piano)
  double step_quarters = 0.5;  // onset distance between elements (the paper: 0.5)
  double note_quarters = 0.5;  // sounding length of each note
  int velocity = 100;          // 1-127
  int ticks_per_quarter = 480;
  int chord_octave = 4;  // octave of chord tones (C4 = 60)
};

// Throws std::invalid_argument naming the token's position and text for a token that is
// neither a pitch name nor a chord of pitch classes 0-11, and for options out of range.
score::Score paper_tokens_to_score(const std::vector<std::string>& tokens,
                                   const DecodeOptions& options = {});

// paper_tokens_to_score() written as a format-1 MIDI file (atomically).
void write_paper_tokens_midi(const std::vector<std::string>& tokens, const DecodeOptions& options,
                             const std::filesystem::path& path);

}  // namespace cadenza::tokens
