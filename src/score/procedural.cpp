#include "score/procedural.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <stdexcept>
#include <tuple>

#include "score/tempo_map.h"

namespace cadenza::score {
namespace {

// Integer draws with the same results on every standard library (unlike the std
// distributions, whose algorithms are implementation-defined).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n) by rejection, so no value is favoured.
  int below(int n) {
    const std::uint64_t range = static_cast<std::uint64_t>(n);
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t value;
    do {
      value = engine_();
    } while (value >= limit);
    return static_cast<int>(value % range);
  }
  int between(int low, int high) { return low + below(high - low + 1); }  // inclusive
  bool percent(int chance) { return below(100) < chance; }

 private:
  std::mt19937_64 engine_;
};

enum class Quality { Major7, Minor7, Dominant7, HalfDiminished7 };

struct Chord {
  int root;  // pitch class
  Quality quality;
};

std::array<int, 4> intervals(Quality quality) {
  switch (quality) {
    case Quality::Major7:
      return {0, 4, 7, 11};
    case Quality::Minor7:
      return {0, 3, 7, 10};
    case Quality::Dominant7:
      return {0, 4, 7, 10};
    default:
      return {0, 3, 6, 10};
  }
}

// Four-bar phrases in scale degrees of a major key (semitones above the tonic).
struct Degree {
  int offset;
  Quality quality;
};
using Phrase = std::array<Degree, 4>;
const Phrase kPhrases[] = {
    {{{2, Quality::Minor7}, {7, Quality::Dominant7}, {0, Quality::Major7}, {0, Quality::Major7}}},
    {{{0, Quality::Major7}, {9, Quality::Minor7}, {2, Quality::Minor7}, {7, Quality::Dominant7}}},
    {{{4, Quality::Minor7},
      {9, Quality::Dominant7},
      {2, Quality::Minor7},
      {7, Quality::Dominant7}}},
    {{{2, Quality::Minor7},
      {7, Quality::Dominant7},
      {4, Quality::Minor7},
      {9, Quality::Dominant7}}},
    {{{11, Quality::HalfDiminished7},
      {4, Quality::Dominant7},
      {9, Quality::Minor7},
      {7, Quality::Dominant7}}},
};
const Phrase kCadence = {
    {{2, Quality::Minor7}, {7, Quality::Dominant7}, {0, Quality::Major7}, {0, Quality::Major7}}};

constexpr int kMajorScale[] = {0, 2, 4, 5, 7, 9, 11};
constexpr int kLowestVoice = 48, kHighestVoice = 72;    // chords: C3 to C5
constexpr int kLowestMelody = 67, kHighestMelody = 88;  // melody: G4 to E6

// Key signature (sharps > 0, flats < 0) of each major tonic pitch class.
constexpr int kKeySharps[] = {0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5};

// Every 4-note voicing of the chord in close position within the range; the one nearest the
// previous voicing (sum of moves) wins, so the chords move smoothly.
std::array<int, 4> voice(const Chord& chord, const std::array<int, 4>* previous) {
  const auto steps = intervals(chord.quality);
  std::array<int, 4> best{};
  int best_cost = -1;
  for (int inversion = 0; inversion < 4; ++inversion) {
    for (int bass = kLowestVoice; bass < kLowestVoice + 12; ++bass) {
      if ((bass - chord.root - steps[inversion]) % 12 != 0) continue;
      std::array<int, 4> notes{};
      for (int i = 0; i < 4; ++i) {
        const int step =
            steps[(inversion + i) % 4] - steps[inversion] + (inversion + i >= 4 ? 12 : 0);
        notes[i] = bass + step;
      }
      if (notes[3] > kHighestVoice) continue;
      int cost = 0;
      if (previous != nullptr) {
        for (int i = 0; i < 4; ++i) cost += std::abs(notes[i] - (*previous)[i]);
      } else {
        cost = std::abs(notes[0] - 55);  // start around G3
      }
      if (best_cost < 0 || cost < best_cost) {
        best_cost = cost;
        best = notes;
      }
    }
  }
  return best;
}

bool is_chord_tone(int pitch, const Chord& chord) {
  for (int step : intervals(chord.quality)) {
    if ((pitch - chord.root - step) % 12 == 0) return true;
  }
  return false;
}

// Scale tones of the key plus the chord's own tones (e.g. the leading tone of a secondary V).
bool is_scale_tone(int pitch, int key, const Chord& chord) {
  const int degree = ((pitch - key) % 12 + 12) % 12;
  for (int step : kMajorScale) {
    if (step == degree) return true;
  }
  return is_chord_tone(pitch, chord);
}

int step_in_scale(int pitch, int direction, int key, const Chord& chord) {
  do {
    pitch += direction;
  } while (!is_scale_tone(pitch, key, chord));
  return pitch;
}

int nearest_chord_tone(int pitch, const Chord& chord) {
  for (int distance = 0; distance < 12; ++distance) {
    if (is_chord_tone(pitch - distance, chord)) return pitch - distance;
    if (is_chord_tone(pitch + distance, chord)) return pitch + distance;
  }
  return pitch;
}

struct Builder {
  Score& score;
  const ProceduralOptions& options;
  void note(int track, int channel, int program, int pitch, int velocity, std::int64_t start,
            std::int64_t end) {
    Note n;
    n.track = track;
    n.channel = channel;
    n.program = program;
    n.pitch = pitch;
    n.velocity = velocity;
    n.start_tick = start;
    n.end_tick = end;
    score.notes.push_back(n);
  }
};

void add_chords(Builder& out, const std::vector<Chord>& chords, Draw& draw) {
  const std::int64_t q = out.options.ticks_per_quarter;
  const std::int64_t bar = 4 * q;
  std::array<int, 4> previous{};
  for (std::size_t i = 0; i < chords.size(); ++i) {
    const std::array<int, 4> notes = voice(chords[i], i == 0 ? nullptr : &previous);
    previous = notes;
    // Comping rhythms, as (start, length) in eighths: whole bar, two halves, or Charleston.
    static const std::vector<std::pair<int, int>> kRhythms[] = {
        {{0, 8}}, {{0, 4}, {4, 4}}, {{0, 3}, {3, 5}}, {{0, 2}, {3, 3}, {6, 2}}};
    const auto& rhythm = kRhythms[draw.below(4)];
    for (const auto& [start, length] : rhythm) {
      const std::int64_t begin = i * bar + start * q / 2;
      // Slightly detached so that a repeated voicing never overlaps itself.
      const std::int64_t end = begin + length * q / 2 - q / 8;
      const int velocity = draw.between(58, 74);
      for (int pitch : notes) {
        out.note(0, out.options.chord_channel, out.options.chord_program, pitch, velocity, begin,
                 end);
      }
    }
  }
}

void add_melody(Builder& out, const std::vector<Chord>& chords, int key, Draw& draw) {
  const std::int64_t q = out.options.ticks_per_quarter;
  const std::int64_t long_eighth = 2 * q / 3, short_eighth = q - long_eighth;  // swing
  int pitch = nearest_chord_tone(76, chords[0]);
  int direction = draw.percent(50) ? 1 : -1;
  for (std::size_t bar = 0; bar < chords.size(); ++bar) {
    const Chord& chord = chords[bar];
    const bool last_bar = bar + 1 == chords.size();
    for (int beat = 0; beat < 4; ++beat) {
      const std::int64_t beat_start = static_cast<std::int64_t>(bar * 4 + beat) * q;
      if (last_bar && beat > 0) break;  // the piece ends on a held tonic chord tone
      // Per beat: a swung eighth pair (most often), a quarter, or a rest.
      const int choice = draw.below(100);
      if (choice < 10 && beat != 0) continue;  // a rest, never on the downbeat
      const bool pair = choice >= 35 && !last_bar;
      // Strong parts of the beat land on chord tones; the rest move through the scale.
      if (draw.percent(20)) direction = -direction;
      if (pitch >= kHighestMelody - 2) direction = -1;
      if (pitch <= kLowestMelody + 2) direction = 1;
      pitch = nearest_chord_tone(step_in_scale(pitch, direction, key, chord), chord);
      pitch = std::clamp(pitch, kLowestMelody, kHighestMelody);
      if (!pair) {
        const std::int64_t length = last_bar ? 4 * q : q;
        out.note(1, out.options.melody_channel, out.options.melody_program, pitch,
                 draw.between(78, 96), beat_start, beat_start + length - q / 8);
        continue;
      }
      out.note(1, out.options.melody_channel, out.options.melody_program, pitch,
               draw.between(72, 88), beat_start, beat_start + long_eighth - q / 12);
      if (draw.percent(15)) direction = -direction;
      pitch =
          std::clamp(step_in_scale(pitch, direction, key, chord), kLowestMelody, kHighestMelody);
      // Offbeats are accented, as in swing phrasing.
      out.note(1, out.options.melody_channel, out.options.melody_program, pitch,
               draw.between(86, 104), beat_start + long_eighth,
               beat_start + long_eighth + short_eighth - q / 12);
    }
  }
}

void fill_times(Score& score) {
  const TempoMap map(score.tempos, score.ticks_per_quarter);
  for (Note& n : score.notes) {
    n.start_quarters = static_cast<double>(n.start_tick) / score.ticks_per_quarter;
    n.duration_quarters = static_cast<double>(n.end_tick - n.start_tick) / score.ticks_per_quarter;
    n.start_seconds = map.seconds_at(n.start_tick);
    n.duration_seconds = map.seconds_at(n.end_tick) - n.start_seconds;
  }
  std::stable_sort(score.notes.begin(), score.notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.start_tick, a.pitch, a.track, a.channel, a.end_tick) <
           std::tie(b.start_tick, b.pitch, b.track, b.channel, b.end_tick);
  });
}

}  // namespace

Score make_jazz_like_piece(std::uint64_t seed, const ProceduralOptions& options) {
  if (options.bars < 1 || options.ticks_per_quarter < 24 || options.key > 11 || options.bpm < 0 ||
      options.bpm > 400) {
    throw std::invalid_argument("make_jazz_like_piece: invalid options");
  }
  Draw draw(seed);
  const int key = options.key >= 0 ? options.key : draw.below(12);
  const int bpm = options.bpm > 0 ? options.bpm : draw.between(110, 190);

  std::vector<Chord> chords;
  const int phrases = (options.bars + 3) / 4;
  for (int p = 0; p < phrases; ++p) {
    const Phrase& phrase = p + 1 == phrases ? kCadence : kPhrases[draw.below(5)];
    for (const Degree& degree : phrase)
      chords.push_back({(key + degree.offset) % 12, degree.quality});
  }

  Score score;
  score.ticks_per_quarter = options.ticks_per_quarter;
  score.tempos.push_back({0, std::round(60e6 / bpm)});  // whole microseconds, as MIDI stores
  score.time_signatures.push_back({0, 4, 4});
  score.key_signatures.push_back({0, kKeySharps[key], false});
  score.tracks.push_back({"Piano", "", options.chord_program, options.chord_channel});
  score.tracks.push_back({"Melody", "", options.melody_program, options.melody_channel});
  Builder builder{score, options};
  add_chords(builder, chords, draw);
  add_melody(builder, chords, key, draw);
  fill_times(score);
  return score;
}

std::vector<Score> make_jazz_like_corpus(std::size_t pieces, std::uint64_t seed,
                                         const ProceduralOptions& options) {
  std::vector<Score> corpus;
  corpus.reserve(pieces);
  std::mt19937_64 seeds(seed);
  for (std::size_t i = 0; i < pieces; ++i) corpus.push_back(make_jazz_like_piece(seeds(), options));
  return corpus;
}

}  // namespace cadenza::score
