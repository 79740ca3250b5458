#include "serve/piece_notes.h"

#include <cmath>
#include <map>
#include <utility>

namespace cadenza::serve {
namespace {

constexpr const char* kGeneralMidi[128] = {"Acoustic Grand Piano",
                                           "Bright Acoustic Piano",
                                           "Electric Grand Piano",
                                           "Honky-tonk Piano",
                                           "Electric Piano 1",
                                           "Electric Piano 2",
                                           "Harpsichord",
                                           "Clavinet",
                                           "Celesta",
                                           "Glockenspiel",
                                           "Music Box",
                                           "Vibraphone",
                                           "Marimba",
                                           "Xylophone",
                                           "Tubular Bells",
                                           "Dulcimer",
                                           "Drawbar Organ",
                                           "Percussive Organ",
                                           "Rock Organ",
                                           "Church Organ",
                                           "Reed Organ",
                                           "Accordion",
                                           "Harmonica",
                                           "Tango Accordion",
                                           "Acoustic Guitar (nylon)",
                                           "Acoustic Guitar (steel)",
                                           "Electric Guitar (jazz)",
                                           "Electric Guitar (clean)",
                                           "Electric Guitar (muted)",
                                           "Overdriven Guitar",
                                           "Distortion Guitar",
                                           "Guitar Harmonics",
                                           "Acoustic Bass",
                                           "Electric Bass (finger)",
                                           "Electric Bass (pick)",
                                           "Fretless Bass",
                                           "Slap Bass 1",
                                           "Slap Bass 2",
                                           "Synth Bass 1",
                                           "Synth Bass 2",
                                           "Violin",
                                           "Viola",
                                           "Cello",
                                           "Contrabass",
                                           "Tremolo Strings",
                                           "Pizzicato Strings",
                                           "Orchestral Harp",
                                           "Timpani",
                                           "String Ensemble 1",
                                           "String Ensemble 2",
                                           "Synth Strings 1",
                                           "Synth Strings 2",
                                           "Choir Aahs",
                                           "Voice Oohs",
                                           "Synth Voice",
                                           "Orchestra Hit",
                                           "Trumpet",
                                           "Trombone",
                                           "Tuba",
                                           "Muted Trumpet",
                                           "French Horn",
                                           "Brass Section",
                                           "Synth Brass 1",
                                           "Synth Brass 2",
                                           "Soprano Sax",
                                           "Alto Sax",
                                           "Tenor Sax",
                                           "Baritone Sax",
                                           "Oboe",
                                           "English Horn",
                                           "Bassoon",
                                           "Clarinet",
                                           "Piccolo",
                                           "Flute",
                                           "Recorder",
                                           "Pan Flute",
                                           "Blown Bottle",
                                           "Shakuhachi",
                                           "Whistle",
                                           "Ocarina",
                                           "Lead 1 (square)",
                                           "Lead 2 (sawtooth)",
                                           "Lead 3 (calliope)",
                                           "Lead 4 (chiff)",
                                           "Lead 5 (charang)",
                                           "Lead 6 (voice)",
                                           "Lead 7 (fifths)",
                                           "Lead 8 (bass + lead)",
                                           "Pad 1 (new age)",
                                           "Pad 2 (warm)",
                                           "Pad 3 (polysynth)",
                                           "Pad 4 (choir)",
                                           "Pad 5 (bowed)",
                                           "Pad 6 (metallic)",
                                           "Pad 7 (halo)",
                                           "Pad 8 (sweep)",
                                           "FX 1 (rain)",
                                           "FX 2 (soundtrack)",
                                           "FX 3 (crystal)",
                                           "FX 4 (atmosphere)",
                                           "FX 5 (brightness)",
                                           "FX 6 (goblins)",
                                           "FX 7 (echoes)",
                                           "FX 8 (sci-fi)",
                                           "Sitar",
                                           "Banjo",
                                           "Shamisen",
                                           "Koto",
                                           "Kalimba",
                                           "Bagpipe",
                                           "Fiddle",
                                           "Shanai",
                                           "Tinkle Bell",
                                           "Agogo",
                                           "Steel Drums",
                                           "Woodblock",
                                           "Taiko Drum",
                                           "Melodic Tom",
                                           "Synth Drum",
                                           "Reverse Cymbal",
                                           "Guitar Fret Noise",
                                           "Breath Noise",
                                           "Seashore",
                                           "Bird Tweet",
                                           "Telephone Ring",
                                           "Helicopter",
                                           "Applause",
                                           "Gunshot"};

double rounded(double seconds) { return std::round(seconds * 1e4) / 1e4; }

}  // namespace

const char* general_midi_name(int program, bool drums) {
  if (drums) return "Drums";
  return program >= 0 && program < 128 ? kGeneralMidi[program] : "Unknown";
}

nlohmann::json piece_notes_json(const score::Score& score, std::size_t max_notes) {
  using nlohmann::json;
  std::map<std::pair<bool, int>, std::size_t> part_of;  // (drums, program) -> part index
  json parts = json::array();
  json notes = json::array();
  double end = 0;
  int lowest = 127, highest = 0;
  for (const score::Note& note : score.notes) {
    if (notes.size() >= max_notes) break;
    const std::pair<bool, int> key{note.is_drum(), note.is_drum() ? 0 : note.program};
    auto found = part_of.find(key);
    if (found == part_of.end()) {
      found = part_of.emplace(key, parts.size()).first;
      parts.push_back({{"name", general_midi_name(key.second, key.first)},
                       {"program", key.second},
                       {"drums", key.first}});
    }
    notes.push_back({rounded(note.start_seconds), rounded(note.duration_seconds), note.pitch,
                     note.velocity, found->second});
    end = std::max(end, note.start_seconds + note.duration_seconds);
    lowest = std::min(lowest, note.pitch);
    highest = std::max(highest, note.pitch);
  }
  json result;
  result["parts"] = parts;
  result["notes"] = notes;
  result["seconds"] = rounded(end);
  result["lowest"] = notes.empty() ? 60 : lowest;
  result["highest"] = notes.empty() ? 72 : highest;
  result["bpm"] = score.tempos.empty() ? 120.0 : rounded(score.tempos.front().bpm());
  result["truncated"] = score.notes.size() > notes.size();
  return result;
}

}  // namespace cadenza::serve
