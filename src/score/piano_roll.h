#pragma once
// A piano-roll picture of a score: time runs left to right, pitch bottom to top, one coloured
// bar per note (brighter for louder notes), lines at every C, every beat and (brighter) every
// bar. Each part (a track's notes of one GM program, or its drums) has its own colour; drums are
// grey. With two parts or more a legend at the right names each part's GM instrument.
// Written as an RGB PNG, atomically.
#include <filesystem>
#include <string>
#include <vector>

#include "draw/canvas.h"
#include "score/score.h"

namespace cadenza::score {

struct PianoRollOptions {
  double pixels_per_quarter = 24;
  int pixels_per_semitone = 6;
  int margin_semitones = 2;  // empty rows above the highest and below the lowest note
  int max_width = 8000;      // long pieces are squeezed to fit (the legend comes on top)
  bool legend = true;        // drawn when the score has two parts or more
};

// One instrument of the roll: its notes' colour and the legend's label.
struct PianoRollPart {
  int track = 0;
  int program = 0;  // GM program, or midi::kDrums
  draw::Rgb colour;
  std::string label;  // "Acoustic Bass"; "Acoustic Grand Piano (track 2)" when a name repeats
};

// The parts in the order of the legend (by track, then program, drums after programs); the
// palette's colours in that order, drums grey.
std::vector<PianoRollPart> piano_roll_parts(const Score& score);

// Throws std::invalid_argument for options out of range.
draw::Canvas render_piano_roll(const Score& score, const PianoRollOptions& options = {});
// Throws std::runtime_error naming the path when it cannot be written.
void write_piano_roll_png(const Score& score, const std::filesystem::path& path,
                          const PianoRollOptions& options = {});

}  // namespace cadenza::score
