#pragma once
// The 128 General MIDI program names (GM 1 sound set, programs numbered from 0) and the names
// musicians type for them on the command line (`--instruments piano,bass,drums,tenor-sax`).
// Drums are not a program: GM plays them on channel 10 whatever the program, so they are
// kDrums here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cadenza::midi {

inline constexpr int kDrums = -1;
inline constexpr int kProgramCount = 128;

// "Acoustic Grand Piano" for 0 ... "Gunshot" for 127, "Drums" for kDrums.
// Throws std::invalid_argument for anything else.
std::string_view gm_program_name(int program);

// The program a name stands for, or kDrums: a short name (piano, bass, drums, tenor-sax, ...),
// a GM name in any case with spaces, hyphens or underscores between its words and its
// parentheses optional ("Electric Bass (finger)", "electric-bass-finger"), or a number 0-127.
// std::nullopt when it is none of these.
std::optional<int> find_program(std::string_view name);

// As find_program; throws cadenza::UsageError naming the unknown name and listing the valid ones.
int program_from_name(std::string_view name);

// The short names, in the order the error message lists them ("piano", "bass", ...).
std::vector<std::string> instrument_short_names();

}  // namespace cadenza::midi
