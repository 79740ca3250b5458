#include "data/transpose.h"

#include <cctype>
#include <sstream>

namespace cadenza::data {
namespace {
constexpr std::array<const char*, 12> kSpelling = {"C",  "C#", "D",  "E-", "E",  "F",
                                                   "F#", "G",  "G#", "A",  "B-", "B"};

int letter_pitch_class(char letter) {
  switch (letter) {
    case 'C':
      return 0;
    case 'D':
      return 2;
    case 'E':
      return 4;
    case 'F':
      return 5;
    case 'G':
      return 7;
    case 'A':
      return 9;
    case 'B':
      return 11;
    default:
      return -1;
  }
}

std::optional<int> parse_int(const std::string& text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i == text.size()) return std::nullopt;
  for (std::size_t k = i; k < text.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
  if (text.size() > 4) return std::nullopt;
  return std::stoi(text);
}

std::optional<std::vector<int>> chord_pitch_classes(const std::string& token) {
  std::vector<int> pcs;
  std::string part;
  std::istringstream in(token);
  while (std::getline(in, part, '.')) {
    if (part.empty() || part.size() > 2) return std::nullopt;
    for (char c : part)
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    int pc = std::stoi(part);
    if (pc > 11) return std::nullopt;
    pcs.push_back(pc);
  }
  if (pcs.empty() || token.back() == '.') return std::nullopt;
  return pcs;
}

std::string join_pitch_classes(const std::vector<int>& pcs) {
  std::string out;
  for (std::size_t i = 0; i < pcs.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(pcs[i]);
  }
  return out;
}
}  // namespace

std::optional<int> note_midi(const std::string& token) {
  if (token.size() < 2) return std::nullopt;
  int pc = letter_pitch_class(token[0]);
  if (pc < 0) return std::nullopt;
  std::size_t i = 1;
  if (token[i] == '#') {
    ++pc;
    ++i;
  } else if (token[i] == '-' && (token[0] == 'E' || token[0] == 'B') && i + 1 < token.size()) {
    --pc;  // music21's flat; the only flats it writes for MIDI pitches are E- and B-
    ++i;
  }
  auto octave = parse_int(token.substr(i));
  if (!octave) return std::nullopt;
  int midi = (*octave + 1) * 12 + pc;
  if (midi < 0 || midi > 127) return std::nullopt;
  return midi;
}

std::string note_name(int midi) {
  int octave = midi / 12 - 1;  // midi >= 0 here, so plain division floors
  return std::string(kSpelling[static_cast<std::size_t>(midi % 12)]) + std::to_string(octave);
}

std::optional<std::string> transpose_token(const std::string& token, int semitones) {
  if (auto midi = note_midi(token)) {
    int moved = *midi + semitones;
    if (moved < 0 || moved > 127) return std::nullopt;
    std::string name = note_name(moved);
    // E and B natural in octave -1 would read back as E-flat/B-flat: not representable.
    if (note_midi(name) != moved) return std::nullopt;
    return name;
  }
  if (auto pcs = chord_pitch_classes(token)) {
    for (int& pc : *pcs) pc = ((pc + semitones) % 12 + 12) % 12;
    return join_pitch_classes(*pcs);
  }
  return std::nullopt;
}

Transposer::Transposer(const tokens::Vocab& vocab) : vocab_size_(vocab.size()) {
  table_.assign(kShiftCount * vocab_size_, -1);
  for (int shift = kMinShift; shift <= kMaxShift; ++shift) {
    std::int64_t* row = &table_[static_cast<std::size_t>(shift - kMinShift) * vocab_size_];
    for (std::size_t id = 0; id < vocab_size_; ++id) {
      const std::string& token = vocab.token(static_cast<std::int64_t>(id));
      auto moved = transpose_token(token, shift);
      if (!moved) {
        if (shift == 0) row[id] = static_cast<std::int64_t>(id);  // identity always holds
        continue;
      }
      if (auto found = vocab.find(*moved)) {
        row[id] = *found;
        continue;
      }
      // A chord in normal order may start elsewhere after transposition (symmetric chords).
      if (auto pcs = chord_pitch_classes(*moved)) {
        for (std::size_t r = 1; r < pcs->size() && row[id] < 0; ++r) {
          std::vector<int> rotated(pcs->begin() + static_cast<std::ptrdiff_t>(r), pcs->end());
          rotated.insert(rotated.end(), pcs->begin(),
                         pcs->begin() + static_cast<std::ptrdiff_t>(r));
          if (auto found = vocab.find(join_pitch_classes(rotated))) row[id] = *found;
        }
      }
    }
  }
}

std::int64_t Transposer::transpose(std::int64_t id, int semitones) const {
  if (semitones < kMinShift || semitones > kMaxShift || id < 0 ||
      static_cast<std::size_t>(id) >= vocab_size_)
    return -1;
  return table_[static_cast<std::size_t>(semitones - kMinShift) * vocab_size_ +
                static_cast<std::size_t>(id)];
}

std::vector<int> Transposer::valid_shifts(const std::int64_t* ids, std::size_t count) const {
  std::vector<int> shifts;
  for (int shift = kMinShift; shift <= kMaxShift; ++shift) {
    bool ok = true;
    for (std::size_t i = 0; i < count && ok; ++i) ok = transpose(ids[i], shift) >= 0;
    if (ok) shifts.push_back(shift);
  }
  return shifts;
}

int Transposer::augment(std::int64_t* ids, std::size_t count, std::mt19937_64& rng) const {
  std::vector<int> shifts = valid_shifts(ids, count);
  if (shifts.empty()) return 0;
  std::uniform_int_distribution<std::size_t> pick(0, shifts.size() - 1);
  int shift = shifts[pick(rng)];
  if (shift != 0)
    for (std::size_t i = 0; i < count; ++i) ids[i] = transpose(ids[i], shift);
  return shift;
}

}  // namespace cadenza::data
