#include "tokens/music21_instruments.h"

#include <cctype>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cadenza::tokens::music21 {
namespace {

struct ClassInfo {
  const char* class_name;
  const char* instrument_name;  // the class's default instrumentName
};

// instrument.MIDI_PROGRAM_TO_INSTRUMENT; programs 76 and 112 have no class (generic Instrument).
// Programs 2, 4 and 5 give ElectricPiano and 52 gives Choir in music21 9 (the reference
// tokenizations confirm both).
const ClassInfo* program_class(int program) {
  static const ClassInfo kPiano{"Piano", "Piano"},
      kElectricPiano{"ElectricPiano", "Electric Piano"}, kHarpsichord{"Harpsichord", "Harpsichord"},
      kClavichord{"Clavichord", "Clavichord"}, kCelesta{"Celesta", "Celesta"},
      kGlockenspiel{"Glockenspiel", "Glockenspiel"}, kVibraphone{"Vibraphone", "Vibraphone"},
      kMarimba{"Marimba", "Marimba"}, kXylophone{"Xylophone", "Xylophone"},
      kTubularBells{"TubularBells", "Tubular Bells"}, kDulcimer{"Dulcimer", "Dulcimer"},
      kElectricOrgan{"ElectricOrgan", "Electric Organ"}, kPipeOrgan{"PipeOrgan", "Pipe Organ"},
      kReedOrgan{"ReedOrgan", "Reed Organ"}, kAccordion{"Accordion", "Accordion"},
      kHarmonica{"Harmonica", "Harmonica"}, kAcousticGuitar{"AcousticGuitar", "Acoustic Guitar"},
      kElectricGuitar{"ElectricGuitar", "Electric Guitar"},
      kAcousticBass{"AcousticBass", "Acoustic Bass"},
      kElectricBass{"ElectricBass", "Electric Bass"},
      kFretlessBass{"FretlessBass", "Fretless Bass"}, kViolin{"Violin", "Violin"},
      kViola{"Viola", "Viola"}, kVioloncello{"Violoncello", "Violoncello"},
      kContrabass{"Contrabass", "Contrabass"},
      kStringInstrument{"StringInstrument", "StringInstrument"}, kHarp{"Harp", "Harp"},
      kTimpani{"Timpani", "Timpani"}, kVocalist{"Vocalist", "Voice"}, kChoir{"Choir", "Choir"},
      kSampler{"Sampler", "Sampler"}, kTrumpet{"Trumpet", "Trumpet"},
      kTrombone{"Trombone", "Trombone"}, kTuba{"Tuba", "Tuba"}, kHorn{"Horn", "Horn"},
      kBrass{"BrassInstrument", "Brass"}, kSopranoSax{"SopranoSaxophone", "Soprano Saxophone"},
      kAltoSax{"AltoSaxophone", "Alto Saxophone"}, kTenorSax{"TenorSaxophone", "Tenor Saxophone"},
      kBaritoneSax{"BaritoneSaxophone", "Baritone Saxophone"}, kOboe{"Oboe", "Oboe"},
      kEnglishHorn{"EnglishHorn", "English Horn"}, kBassoon{"Bassoon", "Bassoon"},
      kClarinet{"Clarinet", "Clarinet"}, kPiccolo{"Piccolo", "Piccolo"}, kFlute{"Flute", "Flute"},
      kRecorder{"Recorder", "Recorder"}, kPanFlute{"PanFlute", "Pan Flute"},
      kShakuhachi{"Shakuhachi", "Shakuhachi"}, kWhistle{"Whistle", "Whistle"},
      kOcarina{"Ocarina", "Ocarina"}, kSitar{"Sitar", "Sitar"}, kBanjo{"Banjo", "Banjo"},
      kShamisen{"Shamisen", "Shamisen"}, kKoto{"Koto", "Koto"}, kKalimba{"Kalimba", "Kalimba"},
      kBagpipes{"Bagpipes", "Bagpipes"}, kShehnai{"Shehnai", "Shehnai"}, kAgogo{"Agogo", "Agogo"},
      kSteelDrum{"SteelDrum", "Steel Drum"}, kWoodblock{"Woodblock", "Woodblock"},
      kTaiko{"Taiko", "Taiko"}, kTomTom{"TomTom", "Tom-Tom"};
  // clang-format off
  static const ClassInfo* const kTable[128] = {
      &kPiano, &kPiano, &kElectricPiano, &kPiano, &kElectricPiano, &kElectricPiano, &kHarpsichord, &kClavichord,  // 0
      &kCelesta, &kGlockenspiel, &kGlockenspiel, &kVibraphone, &kMarimba, &kXylophone, &kTubularBells, &kDulcimer,  // 8
      &kElectricOrgan, &kElectricOrgan, &kElectricOrgan, &kPipeOrgan, &kReedOrgan, &kAccordion, &kHarmonica, &kAccordion,  // 16
      &kAcousticGuitar, &kAcousticGuitar, &kElectricGuitar, &kElectricGuitar, &kElectricGuitar, &kElectricGuitar, &kElectricGuitar, &kElectricGuitar,  // 24
      &kAcousticBass, &kElectricBass, &kElectricBass, &kFretlessBass, &kElectricBass, &kElectricBass, &kElectricBass, &kElectricBass,  // 32
      &kViolin, &kViola, &kVioloncello, &kContrabass, &kStringInstrument, &kStringInstrument, &kHarp, &kTimpani,  // 40
      &kStringInstrument, &kStringInstrument, &kStringInstrument, &kStringInstrument, &kChoir, &kVocalist, &kVocalist, &kSampler,  // 48
      &kTrumpet, &kTrombone, &kTuba, &kTrumpet, &kHorn, &kBrass, &kBrass, &kBrass,  // 56
      &kSopranoSax, &kAltoSax, &kTenorSax, &kBaritoneSax, &kOboe, &kEnglishHorn, &kBassoon, &kClarinet,  // 64
      &kPiccolo, &kFlute, &kRecorder, &kPanFlute, nullptr, &kShakuhachi, &kWhistle, &kOcarina,  // 72
      &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler,  // 80
      &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler,  // 88
      &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler,  // 96
      &kSitar, &kBanjo, &kShamisen, &kKoto, &kKalimba, &kBagpipes, &kViolin, &kShehnai,  // 104
      nullptr, &kAgogo, &kSteelDrum, &kWoodblock, &kTaiko, &kTomTom, &kSampler, &kSampler,  // 112
      &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler, &kSampler,  // 120
  };
  // clang-format on
  return program >= 0 && program < 128 ? kTable[program] : nullptr;
}

// A subset of music21's languageExcerpts.instrumentLookup.allToBestName (English names and
// common abbreviations), mapped to the class and its default instrumentName.
const std::unordered_map<std::string, ClassInfo>& name_lookup() {
  static const std::unordered_map<std::string, ClassInfo> kLookup = {
      {"piano", {"Piano", "Piano"}},
      {"pianoforte", {"Piano", "Piano"}},
      {"pno", {"Piano", "Piano"}},
      {"keyboard", {"KeyboardInstrument", "Keyboard"}},
      {"harpsichord", {"Harpsichord", "Harpsichord"}},
      {"clavichord", {"Clavichord", "Clavichord"}},
      {"celesta", {"Celesta", "Celesta"}},
      {"sampler", {"Sampler", "Sampler"}},
      {"organ", {"Organ", "Organ"}},
      {"pipe organ", {"PipeOrgan", "Pipe Organ"}},
      {"electric organ", {"ElectricOrgan", "Electric Organ"}},
      {"reed organ", {"ReedOrgan", "Reed Organ"}},
      {"accordion", {"Accordion", "Accordion"}},
      {"harmonica", {"Harmonica", "Harmonica"}},
      {"guitar", {"Guitar", "Guitar"}},
      {"acoustic guitar", {"AcousticGuitar", "Acoustic Guitar"}},
      {"electric guitar", {"ElectricGuitar", "Electric Guitar"}},
      {"bass", {"Bass", "Bass"}},
      {"acoustic bass", {"AcousticBass", "Acoustic Bass"}},
      {"electric bass", {"ElectricBass", "Electric Bass"}},
      {"bass guitar", {"ElectricBass", "Electric Bass"}},
      {"fretless bass", {"FretlessBass", "Fretless Bass"}},
      {"contrabass", {"Contrabass", "Contrabass"}},
      {"double bass", {"Contrabass", "Contrabass"}},
      {"violin", {"Violin", "Violin"}},
      {"viola", {"Viola", "Viola"}},
      {"cello", {"Violoncello", "Violoncello"}},
      {"violoncello", {"Violoncello", "Violoncello"}},
      {"harp", {"Harp", "Harp"}},
      {"timpani", {"Timpani", "Timpani"}},
      {"voice", {"Vocalist", "Voice"}},
      {"soprano", {"Soprano", "Soprano"}},
      {"alto", {"Alto", "Alto"}},
      {"tenor", {"Tenor", "Tenor"}},
      {"baritone", {"Baritone", "Baritone"}},
      {"trumpet", {"Trumpet", "Trumpet"}},
      {"trombone", {"Trombone", "Trombone"}},
      {"tuba", {"Tuba", "Tuba"}},
      {"horn", {"Horn", "Horn"}},
      {"french horn", {"Horn", "Horn"}},
      {"flugelhorn", {"Flugelhorn", "Flugelhorn"}},
      {"saxophone", {"Saxophone", "Saxophone"}},
      {"soprano saxophone", {"SopranoSaxophone", "Soprano Saxophone"}},
      {"alto saxophone", {"AltoSaxophone", "Alto Saxophone"}},
      {"tenor saxophone", {"TenorSaxophone", "Tenor Saxophone"}},
      {"baritone saxophone", {"BaritoneSaxophone", "Baritone Saxophone"}},
      {"oboe", {"Oboe", "Oboe"}},
      {"english horn", {"EnglishHorn", "English Horn"}},
      {"bassoon", {"Bassoon", "Bassoon"}},
      {"clarinet", {"Clarinet", "Clarinet"}},
      {"piccolo", {"Piccolo", "Piccolo"}},
      {"flute", {"Flute", "Flute"}},
      {"recorder", {"Recorder", "Recorder"}},
      {"pan flute", {"PanFlute", "Pan Flute"}},
      {"whistle", {"Whistle", "Whistle"}},
      {"ocarina", {"Ocarina", "Ocarina"}},
      {"sitar", {"Sitar", "Sitar"}},
      {"banjo", {"Banjo", "Banjo"}},
      {"mandolin", {"Mandolin", "Mandolin"}},
      {"ukulele", {"Ukulele", "Ukulele"}},
      {"lute", {"Lute", "Lute"}},
      {"koto", {"Koto", "Koto"}},
      {"kalimba", {"Kalimba", "Kalimba"}},
      {"bagpipes", {"Bagpipes", "Bagpipes"}},
      {"vibraphone", {"Vibraphone", "Vibraphone"}},
      {"vibes", {"Vibraphone", "Vibraphone"}},
      {"sax", {"Saxophone", "Saxophone"}},
      {"strings", {"StringInstrument", "StringInstrument"}},
      {"marimba", {"Marimba", "Marimba"}},
      {"xylophone", {"Xylophone", "Xylophone"}},
      {"glockenspiel", {"Glockenspiel", "Glockenspiel"}},
      {"tubular bells", {"TubularBells", "Tubular Bells"}},
      {"dulcimer", {"Dulcimer", "Dulcimer"}},
      {"percussion", {"UnpitchedPercussion", "Percussion"}},
      {"bass drum", {"BassDrum", "Bass Drum"}},
      {"snare drum", {"SnareDrum", "Snare Drum"}},
      {"tom-tom", {"TomTom", "Tom-Tom"}},
      {"triangle", {"Triangle", "Triangle"}},
      {"tambourine", {"Tambourine", "Tambourine"}},
      {"cowbell", {"Cowbell", "Cowbell"}},
      {"woodblock", {"Woodblock", "Woodblock"}},
      {"castanets", {"Castanets", "Castanets"}},
      {"maracas", {"Maracas", "Maracas"}},
      {"gong", {"Gong", "Gong"}},
      {"steel drum", {"SteelDrum", "Steel Drum"}},
      {"taiko", {"Taiko", "Taiko"}},
      {"agogo", {"Agogo", "Agogo"}},
  };
  return kLookup;
}

std::size_t word_count(const std::string& text) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// instrument.fromString(): every run of consecutive words (after '.' became a space and
// punctuation was removed) is looked up; a later match with at least as many words wins.
std::optional<ClassInfo> from_string(const std::string& text) {
  std::string cleaned;
  for (char c : text) {
    if (c == '.') {
      cleaned += ' ';
    } else if (std::ispunct(static_cast<unsigned char>(c))) {
      continue;  // common.removePunctuation() deletes it
    } else {
      cleaned += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : cleaned) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  std::optional<ClassInfo> best;
  for (std::size_t size = 1; size <= words.size(); ++size)
    for (std::size_t i = 0; i + size <= words.size(); ++i) {
      std::string key = words[i];
      for (std::size_t k = 1; k < size; ++k) key += " " + words[i + k];
      const auto it = name_lookup().find(key);
      if (it == name_lookup().end()) continue;
      if (!best || (word_count(it->second.instrument_name) >= word_count(best->instrument_name) &&
                    std::string(best->class_name) != it->second.class_name))
        best = it->second;
    }
  return best;
}

bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + extra >= s.size() + (extra == 0 ? 1 : 0)) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += 1 + extra;
  }
  return true;
}

std::string strip(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool lousy_name(const std::string& decoded) {
  std::string lower;
  for (char c : decoded) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto digits_after = [&](const std::string& prefix) {
    std::string rest = lower;
    for (std::size_t p = rest.find(prefix); p != std::string::npos; p = rest.find(prefix))
      rest.erase(p, prefix.size());
    if (rest.empty()) return false;
    for (char c : rest)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  return lower == "instrument" || lower == "inst" || digits_after("instrument ") ||
         digits_after("inst ");
}

}  // namespace

Instrument instrument_from_program(int program, int channel) {
  if (channel == 10) return {"UnpitchedPercussion", std::string("Percussion"), std::nullopt};
  const ClassInfo* info = program_class(program);
  if (!info) return {"Instrument", std::nullopt, std::nullopt};
  return {info->class_name, std::string(info->instrument_name), std::nullopt};
}

Instrument instrument_from_name(const std::string& raw_bytes, bool is_track_name) {
  if (!valid_utf8(raw_bytes)) return {"Instrument", std::nullopt, std::nullopt};
  const std::string decoded = strip(raw_bytes.substr(0, raw_bytes.find('\0')));
  Instrument result{"Instrument", std::nullopt, std::nullopt};
  if (const auto match = from_string(decoded)) {
    result.class_name = match->class_name;
    result.instrument_name = decoded;  // fromString() names the instrument after the text
  }
  if (decoded.empty() || lousy_name(decoded)) return result;
  if (is_track_name)
    result.part_name = decoded;
  else
    result.instrument_name = decoded;
  return result;
}

}  // namespace cadenza::tokens::music21
