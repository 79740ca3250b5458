#pragma once
// A procedural jazz-like piece maker for demos and tests: a ii-V-I style progression of voiced
// seventh chords on a piano track and a swung single-note line on top (chord and scale tones,
// mostly stepwise). The same seed gives the same piece on every machine: randomness comes
// from std::mt19937_64 through our own integer draws, never the standard distributions.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "score/score.h"

namespace cadenza::score {

struct ProceduralOptions {
  int bars = 8;                 // rounded up to whole 4-bar phrases
  int ticks_per_quarter = 480;  // divisible by 3 keeps swung eighths exact
  int key = -1;                 // pitch class of the tonic 0-11; -1 draws one from the seed
  int bpm = 0;                  // 0 draws 110-190 from the seed
  int chord_program = 0;        // GM acoustic grand piano
  int melody_program = 65;      // GM alto sax
  int chord_channel = 0, melody_channel = 1;
};

// Track 0: "Piano" chords (4-note voicings, voice-led), track 1: melody. 4/4 time.
Score make_jazz_like_piece(std::uint64_t seed, const ProceduralOptions& options = {});

// `pieces` pieces with seeds derived from `seed`, keys and tempos drawn per piece.
std::vector<Score> make_jazz_like_corpus(std::size_t pieces, std::uint64_t seed,
                                         const ProceduralOptions& options = {});

}  // namespace cadenza::score
