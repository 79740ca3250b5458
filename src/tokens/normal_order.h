#pragma once
// Normal order of a pitch-class set as music21's chord.normalOrder returns it: the rotation of
// the ascending distinct pitch classes whose interval pattern equals the set class's prime form
// as music21's chord tables hold it (or, for the inverted member of a set class, that prime form
// inverted and reversed).
// Transpositionally symmetric sets start on their lowest pitch class. Examples: C-E-G -> 0 4 7,
// B-D#-F# -> 11 3 6, D-F#-A -> 2 6 9. Duplicates and octaves collapse: C4+C5 -> 0.
#include <string>
#include <vector>

namespace cadenza::tokens {

std::vector<int> normal_order(const std::vector<int>& pitch_classes);

// The prime form (pitch classes starting at 0) of the set class, as music21's tables hold it.
std::vector<int> prime_form(const std::vector<int>& pitch_classes);

// "0.4.7": the paper's chord token for the given MIDI pitches (any octave, any order).
std::string chord_token(const std::vector<int>& midi_pitches);

}  // namespace cadenza::tokens
