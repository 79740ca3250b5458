#include "midi/gm_programs.h"

#include <array>
#include <cctype>
#include <stdexcept>

#include "common/error.h"

namespace cadenza::midi {
namespace {

// General MIDI Level 1 Sound Set (MIDI Manufacturers Association), program numbers minus one.
constexpr std::array<std::string_view, kProgramCount> kProgramNames = {
    // Piano
    "Acoustic Grand Piano", "Bright Acoustic Piano", "Electric Grand Piano", "Honky-tonk Piano",
    "Electric Piano 1", "Electric Piano 2", "Harpsichord", "Clavi",
    // Chromatic percussion
    "Celesta", "Glockenspiel", "Music Box", "Vibraphone", "Marimba", "Xylophone", "Tubular Bells",
    "Dulcimer",
    // Organ
    "Drawbar Organ", "Percussive Organ", "Rock Organ", "Church Organ", "Reed Organ", "Accordion",
    "Harmonica", "Tango Accordion",
    // Guitar
    "Acoustic Guitar (nylon)", "Acoustic Guitar (steel)", "Electric Guitar (jazz)",
    "Electric Guitar (clean)", "Electric Guitar (muted)", "Overdriven Guitar", "Distortion Guitar",
    "Guitar harmonics",
    // Bass
    "Acoustic Bass", "Electric Bass (finger)", "Electric Bass (pick)", "Fretless Bass",
    "Slap Bass 1", "Slap Bass 2", "Synth Bass 1", "Synth Bass 2",
    // Strings
    "Violin", "Viola", "Cello", "Contrabass", "Tremolo Strings", "Pizzicato Strings",
    "Orchestral Harp", "Timpani",
    // Ensemble
    "String Ensemble 1", "String Ensemble 2", "SynthStrings 1", "SynthStrings 2", "Choir Aahs",
    "Voice Oohs", "Synth Voice", "Orchestra Hit",
    // Brass
    "Trumpet", "Trombone", "Tuba", "Muted Trumpet", "French Horn", "Brass Section", "SynthBrass 1",
    "SynthBrass 2",
    // Reed
    "Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax", "Oboe", "English Horn", "Bassoon",
    "Clarinet",
    // Pipe
    "Piccolo", "Flute", "Recorder", "Pan Flute", "Blown Bottle", "Shakuhachi", "Whistle", "Ocarina",
    // Synth lead
    "Lead 1 (square)", "Lead 2 (sawtooth)", "Lead 3 (calliope)", "Lead 4 (chiff)",
    "Lead 5 (charang)", "Lead 6 (voice)", "Lead 7 (fifths)", "Lead 8 (bass + lead)",
    // Synth pad
    "Pad 1 (new age)", "Pad 2 (warm)", "Pad 3 (polysynth)", "Pad 4 (choir)", "Pad 5 (bowed)",
    "Pad 6 (metallic)", "Pad 7 (halo)", "Pad 8 (sweep)",
    // Synth effects
    "FX 1 (rain)", "FX 2 (soundtrack)", "FX 3 (crystal)", "FX 4 (atmosphere)", "FX 5 (brightness)",
    "FX 6 (goblins)", "FX 7 (echoes)", "FX 8 (sci-fi)",
    // Ethnic
    "Sitar", "Banjo", "Shamisen", "Koto", "Kalimba", "Bag pipe", "Fiddle", "Shanai",
    // Percussive
    "Tinkle Bell", "Agogo", "Steel Drums", "Woodblock", "Taiko Drum", "Melodic Tom", "Synth Drum",
    "Reverse Cymbal",
    // Sound effects
    "Guitar Fret Noise", "Breath Noise", "Seashore", "Bird Tweet", "Telephone Ring", "Helicopter",
    "Applause", "Gunshot"};

struct ShortName {
  std::string_view name;
  int program;
};

// What musicians call the instruments of a band; a jazz project, so "guitar" is the jazz guitar
// and "organ" the drawbar (Hammond) organ.
constexpr ShortName kShortNames[] = {
    {"piano", 0},          {"electric-piano", 4}, {"vibraphone", 11},  {"vibes", 11},
    {"organ", 16},         {"guitar", 26},        {"bass", 32},        {"upright-bass", 32},
    {"electric-bass", 33}, {"drums", kDrums},     {"strings", 48},     {"trumpet", 56},
    {"trombone", 57},      {"tuba", 58},          {"soprano-sax", 64}, {"alto-sax", 65},
    {"tenor-sax", 66},     {"baritone-sax", 67},  {"clarinet", 71},    {"flute", 73}};

// Lower case, every run of characters other than letters and digits one hyphen, none at either
// end: "Electric Bass (finger)" -> "electric-bass-finger".
std::string normalized(std::string_view name) {
  std::string out;
  bool gap = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      if (gap && !out.empty()) out += '-';
      out += static_cast<char>(std::tolower(u));
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

std::optional<int> program_number(std::string_view name) {
  if (name.empty() || name.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : name) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value >= kProgramCount) return std::nullopt;
  return value;
}

}  // namespace

std::string_view gm_program_name(int program) {
  if (program == kDrums) return "Drums";
  if (program < 0 || program >= kProgramCount)
    throw std::invalid_argument("GM program " + std::to_string(program) +
                                ": expected 0-127 or drums");
  return kProgramNames[static_cast<std::size_t>(program)];
}

std::optional<int> find_program(std::string_view name) {
  if (const auto number = program_number(name)) return number;
  const std::string key = normalized(name);
  if (key.empty()) return std::nullopt;
  for (const ShortName& s : kShortNames)
    if (key == s.name) return s.program;
  for (int program = 0; program < kProgramCount; ++program)
    if (key == normalized(kProgramNames[static_cast<std::size_t>(program)])) return program;
  return std::nullopt;
}

int program_from_name(std::string_view name) {
  if (const auto program = find_program(name)) return *program;
  std::string message = "unknown instrument '" + std::string(name) + "': expected one of";
  for (const ShortName& s : kShortNames) message += " " + std::string(s.name) + ",";
  message += " a General MIDI program number 0-127, or its name:";
  for (std::size_t i = 0; i < kProgramNames.size(); ++i)
    message += (i ? ", " : " ") + normalized(kProgramNames[i]);
  throw UsageError(message);
}

std::vector<std::string> instrument_short_names() {
  std::vector<std::string> names;
  for (const ShortName& s : kShortNames) names.emplace_back(s.name);
  return names;
}

}  // namespace cadenza::midi
