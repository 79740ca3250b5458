#pragma once
// The notes of a piece as the page draws them: one part per instrument (General MIDI program,
// drums apart), each note [start s, duration s, pitch, velocity, part]. The page needs no MIDI
// parser of its own, and the same JSON is what the tests check.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "score/score.h"

namespace cadenza::serve {

// At most `max_notes` notes (the first ones); "truncated": true when there were more.
nlohmann::json piece_notes_json(const score::Score& score, std::size_t max_notes = 200000);

// The General MIDI name of a program 0-127 ("Acoustic Grand Piano"); "Drums" for drums.
const char* general_midi_name(int program, bool drums = false);

}  // namespace cadenza::serve
