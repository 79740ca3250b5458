#include "tokens/pitch_names.h"

#include <algorithm>
#include <cctype>

namespace cadenza::tokens {

std::string pitch_name(int midi_pitch) {
  static const char* const kNames[12] = {"C",  "C#", "D",  "E-", "E",  "F",
                                         "F#", "G",  "G#", "A",  "B-", "B"};
  const int pc = ((midi_pitch % 12) + 12) % 12;
  const int octave = (midi_pitch - pc) / 12 - 1;
  return std::string(kNames[pc]) + std::to_string(octave);
}

std::optional<int> parse_pitch_name(const std::string& name) {
  if (name.empty()) return std::nullopt;
  static const int kSteps[7] = {9, 11, 0, 2, 4, 5, 7};  // A B C D E F G
  const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  if (letter < 'A' || letter > 'G') return std::nullopt;
  int pc = kSteps[letter - 'A'];
  std::size_t i = 1;
  // Accidentals: '#' sharp, '-' or 'b' flat (a 'b' right after the letter is a flat, since an
  // octave number must follow).
  while (i < name.size() && (name[i] == '#' || name[i] == '-' || name[i] == 'b')) {
    pc += name[i] == '#' ? 1 : -1;
    ++i;
  }
  if (i >= name.size() || name.size() - i > 2) return std::nullopt;
  int octave = 0;
  for (; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
    octave = octave * 10 + (name[i] - '0');
  }
  const int midi = (octave + 1) * 12 + pc;
  if (midi < 0 || midi > 127) return std::nullopt;
  return midi;
}

std::vector<int> token_pitch_classes(const std::string& token) {
  if (auto pitch = parse_pitch_name(token)) return {*pitch % 12};
  // A chord: pitch classes 0-11 joined by '.'.
  std::vector<int> classes;
  std::size_t start = 0;
  while (start <= token.size()) {
    const std::size_t dot = std::min(token.find('.', start), token.size());
    const std::string part = token.substr(start, dot - start);
    if (part.empty() || part.size() > 2 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return {};
    const int pc = std::stoi(part);
    if (pc > 11) return {};
    classes.push_back(pc);
    start = dot + 1;
  }
  return classes;
}

}  // namespace cadenza::tokens
