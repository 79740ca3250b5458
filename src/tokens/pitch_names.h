#pragma once
// Pitch names as music21 writes them for MIDI notes: C C# D E- E F F# G G# A B- B, with the
// octave after the name and C4 = MIDI 60. MIDI 0-11 print as "C-1" ... "B-1"; like music21,
// parsing reads "C-1" as C-flat in octave 1, so those twelve lowest notes do not round-trip.
#include <optional>
#include <string>
#include <vector>

namespace cadenza::tokens {

std::string pitch_name(int midi_pitch);  // 61 -> "C#4", 63 -> "E-4", 70 -> "B-4"

// Parses a pitch name back to MIDI: music21 spellings ("E-5", "C#4"), a 'b' for flat ("Db4",
// "Bb3"), double accidentals ("C##4", "E--4"), any letter case for the step. Empty when the text
// is not a pitch name or lies outside MIDI 0-127.
std::optional<int> parse_pitch_name(const std::string& name);

// Pitch classes of one of the paper's tokens: a note ("C#4" -> {1}) or a chord ("0.4.7" ->
// {0, 4, 7}, in the token's order); empty for anything else.
std::vector<int> token_pitch_classes(const std::string& token);

}  // namespace cadenza::tokens
