#include "tokens/paper_tokenizer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "tokens/music21_instruments.h"
#include "tokens/music21_midi.h"
#include "tokens/normal_order.h"
#include "tokens/pitch_names.h"

namespace cadenza::tokens {
namespace {

using music21::Event;
using music21::EventKind;

// Positions and durations after quantization are multiples of 1/4 or 1/3 of a quarter note;
// barlines of any x/2^k time signature are multiples of 1/96 for k <= 7. So 1/96 quarter is the
// common unit ("pos").
constexpr std::int64_t kPosPerQuarter = 96;
constexpr std::int64_t kNoEnd = std::numeric_limits<std::int64_t>::max();

struct TimedNote {
  std::int64_t on = 0, off = 0;
  int pitch = 0, channel = 1;
};

// One note or chord of a part, as music21 builds it before measures are made.
struct Element {
  std::vector<int> pitches;  // one for a Note
  bool chord = false;
  bool percussion = false;              // channel 10: Unpitched / PercussionChord, never a token
  bool grace = false;                   // zero length in ticks: music21 makes a grace note
  std::int64_t on_tick = 0, ticks = 0;  // as read
  std::int64_t pos = 0, length = 0;     // quantized
};

// A piece of an element after makeTies(): the element itself or a tied continuation that starts
// on a barline.
struct Piece {
  std::size_t element = 0;
  std::int64_t pos = 0;
  bool continuation = false;
  std::int64_t flat_pos = 0;  // offset in the flattened part (see make_measures_and_ties)
};

struct PlacedInstrument {
  std::int64_t tick = 0;
  std::int64_t pos = 0;
  music21::Instrument instrument;
  bool removed = false;
};

struct TimeSignature {
  std::int64_t pos = 0;
  std::int64_t bar_length = 4 * kPosPerQuarter;
};

struct Part {
  std::vector<Element> elements;
  std::vector<Piece> pieces;                  // in music21's order inside the flattened part
  std::vector<PlacedInstrument> instruments;  // surviving ones, by offset then insertion
};

// common.nearestMultiple() for one grid: the lower multiple wins at exactly half a unit;
// errors are rounded to 7 decimals, as music21 does.
struct GridMatch {
  double remaining_gap = 0, error = 0, tick = 0, match = 0;
  bool operator<(const GridMatch& o) const {
    if (remaining_gap != o.remaining_gap) return remaining_gap < o.remaining_gap;
    if (error != o.error) return error < o.error;
    return tick < o.tick;
  }
};

// Stream.quantize()'s bestMatch() over the grids 1/4 and 1/3: the smallest error wins, ties go
// to the finer grid. For durations, `gap_to_fill` (the distance to the next element's quantized
// offset) first prefers a grid that leaves no gap before it, and `zero_allowed` false turns a
// zero match into one grid step.
GridMatch best_match(double value, std::optional<double> gap_to_fill = std::nullopt,
                     bool zero_allowed = true) {
  GridMatch best;
  bool first = true;
  for (int divisor : {4, 3}) {
    GridMatch m;
    m.tick = 1.0 / divisor;
    const double multiple = std::floor(value / m.tick);
    const double low = m.tick * multiple, high = m.tick * (multiple + 1);
    if (low <= value && value <= low + m.tick / 2.0) {
      m.match = low;
      m.error = std::round((value - low) * 1e7) / 1e7;
    } else {
      m.match = high;
      m.error = std::round((high - value) * 1e7) / 1e7;
    }
    if (!zero_allowed && m.match == 0.0) {
      m.match = m.tick;
      m.error = std::fabs(std::round((value - m.match) * 1e7) / 1e7);
    }
    if (gap_to_fill && std::fmod(*gap_to_fill, m.tick) != 0.0)
      m.remaining_gap = std::max(*gap_to_fill - m.match, 0.0);
    if (first || m < best) best = m;
    first = false;
  }
  return best;
}

// Clamped so that absurd tick values in malformed files cannot overflow.
std::int64_t to_pos(double quarters) {
  return std::llround(std::min(quarters, 1e15) * kPosPerQuarter);
}

std::int64_t quantize_ticks(std::int64_t ticks, int ticks_per_quarter) {
  if (ticks <= 0) return 0;
  return to_pos(best_match(static_cast<double>(ticks) / ticks_per_quarter).match);
}

// midi.translate.getNotesFromEvents(): every note-on takes the first later note-off of its
// pitch and channel that no earlier note-on took; a note-on without one is dropped.
std::vector<TimedNote> pair_notes(const std::vector<Event>& events) {
  std::unordered_map<int, std::vector<std::size_t>> offs;  // key pitch*32+channel
  std::unordered_map<int, std::size_t> next_off;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].is_note_off()) offs[events[i].data1 * 32 + events[i].channel].push_back(i);
  std::vector<TimedNote> notes;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& on = events[i];
    if (!on.is_note_on()) continue;
    const int key = on.data1 * 32 + on.channel;
    const auto it = offs.find(key);
    if (it == offs.end()) continue;
    std::size_t& k = next_off[key];
    const std::vector<std::size_t>& list = it->second;
    while (k < list.size() && list[k] < i) ++k;  // offs before this note-on can match nothing
    if (k >= list.size()) continue;
    notes.push_back({on.tick, events[list[k]].tick, on.data1, on.channel});
    ++k;
  }
  return notes;
}

// midiTrackToStream(): notes that start less than a sixteenth apart (ticksPerQuarter / 4) and
// end within a sixteenth of each other become one chord, in the order their note-ons came.
std::vector<Element> group_chords(const std::vector<TimedNote>& notes, int ticks_per_quarter,
                                  bool& voices_required) {
  const double tolerance = ticks_per_quarter / 4.0;
  voices_required = false;
  std::vector<bool> gathered(notes.size(), false);
  std::vector<Element> elements;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (gathered[i]) continue;
    std::vector<std::size_t> members{i};
    for (std::size_t j = i + 1; j < notes.size(); ++j) {
      if (std::abs(static_cast<double>(notes[j].on - notes[i].on)) >= tolerance) break;
      if (std::abs(static_cast<double>(notes[j].off - notes[i].off)) > tolerance) {
        voices_required = true;
        continue;
      }
      members.push_back(j);
      gathered[j] = true;
    }
    Element e;
    e.chord = members.size() > 1;
    for (std::size_t m : members) {
      e.pitches.push_back(notes[m].pitch);
      if (notes[m].channel == 10) e.percussion = true;
    }
    // A chord takes its duration from its last member (midiEventsToChord).
    const TimedNote& timing = notes[members.back()];
    const std::int64_t ticks = timing.off - timing.on;
    e.grace = ticks == 0;
    e.on_tick = notes[i].on;
    e.ticks = ticks;
    e.pos = quantize_ticks(notes[i].on, ticks_per_quarter);
    elements.push_back(std::move(e));
  }
  return elements;
}

// Stream.quantize() on the part: elements in sorted order (offset as read; at one offset the
// instruments, tempos and signatures first, then grace notes, then the notes in the order they
// were made); each note's duration looks ahead to the next element whose quantized offset lies
// after its own.
void quantize_durations(std::vector<Element>& elements, std::vector<std::int64_t> meta_ticks,
                        int ticks_per_quarter) {
  struct Item {
    std::int64_t tick;
    int rank;  // metas 0, grace notes 1, notes 2
    std::size_t order;
    std::int64_t pos;
    Element* element;
  };
  std::vector<Item> items;
  items.reserve(elements.size() + meta_ticks.size());
  for (std::size_t i = 0; i < meta_ticks.size(); ++i)
    items.push_back(
        {meta_ticks[i], 0, i, quantize_ticks(meta_ticks[i], ticks_per_quarter), nullptr});
  for (std::size_t i = 0; i < elements.size(); ++i)
    items.push_back(
        {elements[i].on_tick, elements[i].grace ? 1 : 2, i, elements[i].pos, &elements[i]});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.tick != b.tick) return a.tick < b.tick;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.order < b.order;
  });
  std::size_t next = 0;  // first item whose quantized offset lies after the current one
  for (std::size_t i = 0; i < items.size(); ++i) {
    Element* e = items[i].element;
    if (!e) continue;
    if (e->grace) {
      e->length = 0;
      continue;
    }
    // Quantized offsets follow the order of the offsets as read, so one forward scan finds
    // every note's next non-coincident element.
    next = std::max(next, i + 1);
    while (next < items.size() && items[next].pos <= items[i].pos) ++next;
    const std::size_t j = next;
    const double ql = static_cast<double>(e->ticks) / ticks_per_quarter;
    std::optional<double> gap;
    if (j < items.size()) gap = static_cast<double>(items[j].pos - items[i].pos) / kPosPerQuarter;
    // zeroAllowed is false for notes that are not grace notes.
    e->length = to_pos(best_match(ql, gap, /*zero_allowed=*/false).match);
  }
}

std::optional<TimeSignature> time_signature(const Event& e, int ticks_per_quarter) {
  if (e.kind != EventKind::Meta || e.meta_type != 0x58 || e.data.size() < 2) return std::nullopt;
  const int numerator = static_cast<unsigned char>(e.data[0]);
  const int power = static_cast<unsigned char>(e.data[1]);
  if (numerator == 0 || power > 7) return std::nullopt;
  TimeSignature ts;
  ts.pos = quantize_ticks(e.tick, ticks_per_quarter);
  ts.bar_length = numerator * 4 * kPosPerQuarter / (std::int64_t{1} << power);
  return ts;
}

// The barlines makeMeasures() draws: measures follow each other from offset 0, each as long as
// the time signature in force at its start (4/4 until the first one).
class Barlines {
 public:
  explicit Barlines(std::vector<TimeSignature> meters) : meters_(std::move(meters)) {
    std::stable_sort(meters_.begin(), meters_.end(),
                     [](const TimeSignature& a, const TimeSignature& b) { return a.pos < b.pos; });
    if (meters_.empty() || meters_.front().pos != 0) meters_.insert(meters_.begin(), {0, 384});
    lines_.push_back(0);
  }

  std::int64_t measure_start(std::int64_t pos) {
    extend_to(pos + 1);
    auto it = std::upper_bound(lines_.begin(), lines_.end(), pos);
    return *(it - 1);
  }
  std::int64_t next_line(std::int64_t line) {
    extend_to(line + 1);
    auto it = std::upper_bound(lines_.begin(), lines_.end(), line);
    return it == lines_.end() ? kNoEnd : *it;
  }

 private:
  void extend_to(std::int64_t end) {
    constexpr std::size_t kMaxBars = 4'000'000;  // a bound for absurd files
    while (lines_.back() < end && lines_.size() < kMaxBars) {
      const std::int64_t start = lines_.back();
      while (meter_ + 1 < meters_.size() && meters_[meter_ + 1].pos <= start) ++meter_;
      lines_.push_back(start + std::max<std::int64_t>(meters_[meter_].bar_length, 1));
    }
  }

  std::vector<TimeSignature> meters_;
  std::size_t meter_ = 0;  // the meter in force at lines_.back()
  std::vector<std::int64_t> lines_;
};

// makeMeasures(), makeVoices() and makeTies() on one part, reduced to what decides the tokens:
// which pieces exist, their offsets in the flattened part, and the order recursion visits them.
//  - makeVoices() runs on each measure only when chord grouping met notes that start together
//    but end apart; a measure whose own notes overlap puts each note in the first voice free at
//    its offset, and recursion visits voice 1, voice 2, ... in turn.
//  - makeTies() then walks the measures in order. It examines the voices of a measure that has
//    voices, else the measure itself, and cuts every note that crosses the barline; the rest
//    goes to the start of the next measure:
//      this measure   next measure   the rest goes
//      no voices      no voices      into the measure (cut again there)
//      no voices      voices         into its first voice (cut again there)
//      voices         no voices      into a new voice that takes all the next measure's notes
//                                    (so that measure now has voices; all is cut again there)
//      voices         voices         into the measure itself, beside the voices: never examined,
//                                    never cut again, visited after the voices
//    (music21 looks for a voice whose id equals the old voice's id; makeVoices() leaves ids at
//    the objects' memory addresses, so none matches.)
//  - A rest that is never cut sticks out past the barline and makes its measure longer. music21's
//    offsets in the flattened part put each measure after the previous measure's full length,
//    so every later element of the part moves by that overhang. Inside one part that changes no
//    order; it decides how parts that partitionByInstrument() merges interleave.
// The flattened part is sorted by offset (grace notes first), ties broken by visiting order.
std::vector<Piece> make_measures_and_ties(const std::vector<Element>& elements, Barlines& barlines,
                                          bool voices_required) {
  struct Work {
    Piece piece;
    std::int64_t end = 0;
    bool grace = false;
  };
  std::vector<std::size_t> order(elements.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (elements[a].pos != elements[b].pos) return elements[a].pos < elements[b].pos;
    return elements[a].grace && !elements[b].grace;
  });
  // A stream's elements in iteration order: by offset, grace notes first, then as inserted.
  auto stream_order = [](std::vector<Work>& stream) {
    std::stable_sort(stream.begin(), stream.end(), [](const Work& a, const Work& b) {
      if (a.piece.pos != b.piece.pos) return a.piece.pos < b.piece.pos;
      return a.grace && !b.grace;
    });
  };
  std::vector<Piece> out;
  std::vector<Work> incoming;         // rests makeTies() moved into the measure being processed
  bool incoming_from_voices = false;  // whether the measure they came from had voices
  std::size_t next = 0;
  std::int64_t measure_start = 0, shift = 0;
  while (next < order.size() || !incoming.empty()) {
    if (incoming.empty()) measure_start = barlines.measure_start(elements[order[next]].pos);
    const std::int64_t measure_end = barlines.next_line(measure_start);
    std::vector<Work> originals;
    while (next < order.size() && elements[order[next]].pos < measure_end) {
      const Element& e = elements[order[next]];
      originals.push_back({{order[next], e.pos, false, 0}, e.pos + e.length, e.grace});
      ++next;
    }
    bool voiced = false;  // makeVoices() made voices here
    if (voices_required) {
      for (std::size_t i = 0; i < originals.size() && !voiced; ++i)
        for (std::size_t j = i + 1; j < originals.size(); ++j) {
          if (originals[j].piece.pos >= originals[i].end) break;
          voiced = true;
          break;
        }
    }
    // The streams of this measure in recursion order; `examined` says which makeTies() cuts.
    std::vector<std::vector<Work>> streams;
    std::vector<bool> examined;
    if (voiced) {
      std::vector<std::int64_t> highest;
      for (Work& w : originals) {
        std::size_t v = 0;
        while (v < highest.size() && highest[v] > w.piece.pos) ++v;
        if (v == highest.size()) {
          highest.push_back(w.piece.pos);
          streams.emplace_back();
        }
        highest[v] = std::max(highest[v], w.end);
        streams[v].push_back(w);
      }
      examined.assign(streams.size(), true);
      if (incoming_from_voices) {
        streams.push_back(incoming);  // beside the voices
        examined.push_back(false);
      } else {
        streams[0].insert(streams[0].end(), incoming.begin(), incoming.end());
        stream_order(streams[0]);
      }
    } else {
      // One stream: the measure itself, or the single voice that took all its notes (which
      // flattenUnnecessaryVoices() dissolves again at the end, keeping the order).
      streams.push_back(originals);
      streams[0].insert(streams[0].end(), incoming.begin(), incoming.end());
      stream_order(streams[0]);
      examined.push_back(true);
    }
    const bool has_voices = voiced || (incoming_from_voices && !incoming.empty());
    std::vector<Work> next_incoming;
    std::int64_t overhang = 0;
    for (std::size_t k = 0; k < streams.size(); ++k)
      for (Work w : streams[k]) {
        if (measure_end != kNoEnd && w.end > measure_end) {
          if (examined[k])
            next_incoming.push_back({{w.piece.element, measure_end, true, 0}, w.end, false});
          else
            overhang = std::max(overhang, w.end - measure_end);
        }
        w.piece.flat_pos = w.piece.pos + shift;
        out.push_back(w.piece);
      }
    shift += overhang;
    incoming = std::move(next_incoming);
    incoming_from_voices = has_voices;
    measure_start = measure_end;
  }
  std::stable_sort(out.begin(), out.end(), [&](const Piece& a, const Piece& b) {
    if (a.pos != b.pos) return a.pos < b.pos;
    const bool a_grace = !a.continuation && elements[a.element].grace;
    const bool b_grace = !b.continuation && elements[b.element].grace;
    return a_grace && !b_grace;
  });
  return out;
}

// instrument.deduplicate() as it behaves on a part from MIDI: the part's instruments are
// compared as one group (not per offset, as its documentation suggests; the reference
// tokenizations leave no doubt). When they agree on at most one partName and one
// instrumentName, they merge: of one class only the first survives; of mixed classes the
// generic Instrument objects go and the rest take the common names.
void deduplicate(std::vector<PlacedInstrument>& instruments) {
  if (instruments.size() < 2) return;
  std::vector<std::string> part_names, instrument_names, classes;
  auto add_unique = [](std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  };
  for (const PlacedInstrument& placed : instruments) {
    const auto& inst = placed.instrument;
    if (inst.part_name) add_unique(part_names, *inst.part_name);
    if (inst.instrument_name) add_unique(instrument_names, *inst.instrument_name);
    add_unique(classes, inst.class_name);
  }
  if (part_names.size() > 1 || instrument_names.size() > 1) return;
  std::optional<std::string> part_name, instrument_name;
  if (!part_names.empty()) part_name = part_names[0];
  if (!instrument_names.empty()) instrument_name = instrument_names[0];
  for (std::size_t i = 0; i < instruments.size(); ++i) {
    PlacedInstrument& placed = instruments[i];
    const bool survivor =
        classes.size() == 1 ? i == 0 : placed.instrument.class_name != "Instrument";
    placed.removed = !survivor;
    placed.instrument.part_name = part_name;
    placed.instrument.instrument_name = instrument_name;
  }
  instruments.erase(std::remove_if(instruments.begin(), instruments.end(),
                                   [](const PlacedInstrument& p) { return p.removed; }),
                    instruments.end());
}

Part build_part(const music21::Track& track, int ticks_per_quarter,
                const std::vector<TimeSignature>& conductor_meters) {
  Part part;
  std::vector<TimeSignature> own_meters;
  for (const Event& e : track.events) {
    if (e.kind == EventKind::ProgramChange) {
      part.instruments.push_back({e.tick, 0, music21::instrument_from_program(e.data1, e.channel)});
    } else if (e.kind == EventKind::Meta && (e.meta_type == 0x03 || e.meta_type == 0x04)) {
      part.instruments.push_back(
          {e.tick, 0, music21::instrument_from_name(e.data, e.meta_type == 0x03)});
    } else if (auto ts = time_signature(e, ticks_per_quarter)) {
      own_meters.push_back(*ts);
    }
  }
  std::stable_sort(
      part.instruments.begin(), part.instruments.end(),
      [](const PlacedInstrument& a, const PlacedInstrument& b) { return a.tick < b.tick; });
  deduplicate(part.instruments);
  for (auto& placed : part.instruments) placed.pos = quantize_ticks(placed.tick, ticks_per_quarter);
  std::stable_sort(
      part.instruments.begin(), part.instruments.end(),
      [](const PlacedInstrument& a, const PlacedInstrument& b) { return a.pos < b.pos; });

  bool voices_required = false;
  part.elements = group_chords(pair_notes(track.events), ticks_per_quarter, voices_required);
  std::vector<std::int64_t> meta_ticks;
  for (const PlacedInstrument& placed : part.instruments) meta_ticks.push_back(placed.tick);
  for (const Event& e : track.events)
    if (e.kind == EventKind::Meta &&
        (e.meta_type == 0x51 || e.meta_type == 0x58 || e.meta_type == 0x59))
      meta_ticks.push_back(e.tick);
  quantize_durations(part.elements, meta_ticks, ticks_per_quarter);
  Barlines barlines(conductor_meters.empty() ? own_meters : conductor_meters);
  part.pieces = make_measures_and_ties(part.elements, barlines, voices_required);
  return part;
}

std::string token_of(const Element& e) {
  if (!e.chord) return pitch_name(e.pitches.front());
  return chord_token(e.pitches);
}

struct Selected {
  std::size_t part = 0;
  std::size_t rank = 0;  // insertion order into the partitioned part
  const Element* element = nullptr;
  std::int64_t pos = 0;
  bool grace = false;
};

std::vector<std::string> tokens_in_order(std::vector<Selected> selected) {
  std::stable_sort(selected.begin(), selected.end(), [](const Selected& a, const Selected& b) {
    if (a.pos != b.pos) return a.pos < b.pos;
    if (a.grace != b.grace) return a.grace;
    return a.rank < b.rank;
  });
  std::vector<std::string> tokens;
  for (const Selected& s : selected)
    if (!s.element->percussion) tokens.push_back(token_of(*s.element));
  return tokens;
}

std::vector<std::string> tokenize_parts(const std::vector<Part>& parts) {
  // partitionByInstrument(): one output part per distinct instrumentName, in the order the
  // names first appear; each instrument claims what starts from its offset up to the next
  // instrument of the same source part. Returns None (-> midi.flat.notes) without instruments.
  std::vector<std::optional<std::string>> names;
  for (const Part& part : parts)
    for (const PlacedInstrument& placed : part.instruments)
      if (std::find(names.begin(), names.end(), placed.instrument.instrument_name) == names.end())
        names.push_back(placed.instrument.instrument_name);

  std::vector<Selected> selected;
  std::size_t rank = 0;
  if (names.empty()) {
    for (std::size_t p = 0; p < parts.size(); ++p)
      for (const Piece& piece : parts[p].pieces) {
        const Element& e = parts[p].elements[piece.element];
        selected.push_back({p, rank++, &e, piece.flat_pos, !piece.continuation && e.grace});
      }
    return tokens_in_order(std::move(selected));
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const Part& part = parts[p];
    std::vector<bool> taken(part.pieces.size(), false);
    for (std::size_t k = 0; k < part.instruments.size(); ++k) {
      if (part.instruments[k].instrument.instrument_name != names.front()) continue;
      const std::int64_t start = part.instruments[k].pos;
      const std::int64_t end =
          k + 1 < part.instruments.size() ? part.instruments[k + 1].pos : kNoEnd;
      for (std::size_t i = 0; i < part.pieces.size(); ++i) {
        const Piece& piece = part.pieces[i];
        const bool inside = piece.pos >= start && piece.pos < end;
        if (!inside || taken[i]) continue;
        taken[i] = true;
        const Element& e = part.elements[piece.element];
        selected.push_back({p, rank++, &e, piece.flat_pos, !piece.continuation && e.grace});
      }
    }
  }
  return tokens_in_order(std::move(selected));
}

}  // namespace

PaperTokenization paper_tokenize(const std::uint8_t* data, std::size_t size,
                                 const std::string& source) {
  const music21::File file = music21::parse(data, size, source);
  PaperTokenization result;
  result.music21_failure = file.music21_failure;
  std::vector<TimeSignature> conductor_meters;
  std::vector<Part> parts;
  for (const music21::Track& track : file.tracks) {
    if (track.has_notes()) {
      parts.push_back(build_part(track, file.ticks_per_quarter, conductor_meters));
    } else {
      for (const Event& e : track.events)
        if (auto ts = time_signature(e, file.ticks_per_quarter)) conductor_meters.push_back(*ts);
    }
  }
  result.tokens = tokenize_parts(parts);
  return result;
}

PaperTokenization paper_tokenize_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open file");
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  return paper_tokenize(bytes.data(), bytes.size(), path.string());
}

}  // namespace cadenza::tokens
