// Score -> midi::File (format 1, PPQ). Notes stay in their track (track 0 also carries the
// tempo map and signatures) so that from_midi(to_midi(s)) gives the same notes as s whenever s
// came from from_midi. Program changes are written just before the note-on that needs them,
// tracking the program of each channel in the merged order from_midi uses.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "score/score.h"

namespace cadenza::score {
namespace {

using midi::Event;
using midi::EventKind;

// Order of events at one tick inside a track: names, conductor meta, note-offs, then note-ons
// (each with its program change before it and, for a zero-length note, its note-off after it).
enum Slot : int { kName = 0, kConductor = 1, kNoteOff = 2, kNoteOn = 3 };

struct Pending {
  std::int64_t tick;
  int slot;
  std::size_t sequence;
  Event event;
};

class TrackBuilder {
 public:
  void add(std::int64_t tick, Slot slot, Event event) {
    event.tick = static_cast<std::uint64_t>(tick);
    pending_.push_back({tick, slot, sequence_++, std::move(event)});
  }
  midi::Track build() {
    std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
      return std::tie(a.tick, a.slot, a.sequence) < std::tie(b.tick, b.slot, b.sequence);
    });
    midi::Track track;
    track.events.reserve(pending_.size());
    for (Pending& p : pending_) track.events.push_back(std::move(p.event));
    return track;
  }

 private:
  std::vector<Pending> pending_;
  std::size_t sequence_ = 0;
};

Event meta_event(std::uint8_t type, std::string data) {
  Event e;
  e.kind = EventKind::Meta;
  e.meta_type = type;
  e.data = std::move(data);
  return e;
}

Event channel_event(EventKind kind, int channel, int data1, int data2) {
  Event e;
  e.kind = kind;
  e.channel = static_cast<std::uint8_t>(channel);
  e.data1 = static_cast<std::uint8_t>(data1);
  e.data2 = static_cast<std::uint8_t>(data2);
  return e;
}

void check_note(const Note& note, std::size_t index) {
  auto bad = [&](const std::string& what) {
    throw std::invalid_argument("score::to_midi: note " + std::to_string(index) + ": " + what);
  };
  if (note.pitch < 0 || note.pitch > 127) bad("pitch " + std::to_string(note.pitch) + " not 0-127");
  if (note.channel < 0 || note.channel > 15) bad("channel " + std::to_string(note.channel));
  if (note.program < 0 || note.program > 127) bad("program " + std::to_string(note.program));
  if (note.track < 0 || note.track > 0xFFFE) bad("track " + std::to_string(note.track));
  if (note.start_tick < 0 || note.end_tick < note.start_tick) {
    bad("ticks " + std::to_string(note.start_tick) + "-" + std::to_string(note.end_tick));
  }
}

void add_conductor(const Score& score, TrackBuilder& track) {
  for (const TempoChange& tempo : score.tempos) {
    const long microseconds =
        std::clamp(std::lround(tempo.microseconds_per_quarter), 1L, 0xFFFFFFL);
    std::string data = {static_cast<char>(microseconds >> 16), static_cast<char>(microseconds >> 8),
                        static_cast<char>(microseconds)};
    track.add(std::max<std::int64_t>(tempo.tick, 0), kConductor,
              meta_event(midi::meta::kTempo, data));
  }
  for (const TimeSignature& sig : score.time_signatures) {
    int log2 = 0;
    while (log2 < 15 && (1 << log2) < sig.denominator) ++log2;
    if (sig.numerator < 1 || sig.numerator > 255 || (1 << log2) != sig.denominator) {
      throw std::invalid_argument("score::to_midi: time signature " +
                                  std::to_string(sig.numerator) + "/" +
                                  std::to_string(sig.denominator) + " cannot be written");
    }
    // 24 MIDI clocks per metronome click, 8 32nd notes per quarter: the usual values.
    const std::string data = {static_cast<char>(sig.numerator), static_cast<char>(log2), 24, 8};
    track.add(std::max<std::int64_t>(sig.tick, 0), kConductor,
              meta_event(midi::meta::kTimeSignature, data));
  }
  for (const KeySignature& key : score.key_signatures) {
    const std::string data = {static_cast<char>(std::clamp(key.sharps, -7, 7)),
                              static_cast<char>(key.minor ? 1 : 0)};
    track.add(std::max<std::int64_t>(key.tick, 0), kConductor,
              meta_event(midi::meta::kKeySignature, data));
  }
}

}  // namespace

midi::File to_midi(const Score& score) {
  std::size_t track_count = std::max<std::size_t>(score.tracks.size(), 1);
  for (std::size_t i = 0; i < score.notes.size(); ++i) {
    check_note(score.notes[i], i);
    track_count = std::max(track_count, static_cast<std::size_t>(score.notes[i].track) + 1);
  }
  std::vector<TrackBuilder> builders(track_count);
  for (std::size_t t = 0; t < score.tracks.size(); ++t) {
    if (!score.tracks[t].name.empty()) {
      builders[t].add(0, kName, meta_event(midi::meta::kTrackName, score.tracks[t].name));
    }
    if (!score.tracks[t].instrument.empty()) {
      builders[t].add(0, kName,
                      meta_event(midi::meta::kInstrumentName, score.tracks[t].instrument));
    }
  }
  add_conductor(score, builders[0]);

  // Note-ons in the order from_midi meets them: tick, track, then score order.
  std::vector<std::size_t> order(score.notes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Note &x = score.notes[a], &y = score.notes[b];
    return std::tie(x.start_tick, x.track) < std::tie(y.start_tick, y.track);
  });
  int channel_program[16] = {};  // what a reader assumes before any program change: 0
  std::vector<std::vector<bool>> announced(track_count, std::vector<bool>(16, false));
  for (std::size_t index : order) {
    const Note& note = score.notes[index];
    TrackBuilder& track = builders[note.track];
    // Each track announces its channel's program once even when unchanged, for players that
    // start in the middle or keep state between songs.
    if (channel_program[note.channel] != note.program || !announced[note.track][note.channel]) {
      track.add(note.start_tick, kNoteOn,
                channel_event(EventKind::ProgramChange, note.channel, note.program, 0));
      channel_program[note.channel] = note.program;
      announced[note.track][note.channel] = true;
    }
    // Velocity 0 would read back as a note-off.
    const int velocity = std::clamp(note.velocity, 1, 127);
    track.add(note.start_tick, kNoteOn,
              channel_event(EventKind::NoteOn, note.channel, note.pitch, velocity));
    const Event off = channel_event(EventKind::NoteOff, note.channel, note.pitch, 0);
    if (note.end_tick == note.start_tick) {
      track.add(note.start_tick, kNoteOn, off);
    } else {
      track.add(note.end_tick, kNoteOff, off);
    }
  }

  midi::File file;
  file.format = 1;
  file.division.smpte = false;
  file.division.ticks_per_quarter = score.ticks_per_quarter;
  file.tracks.reserve(track_count);
  for (TrackBuilder& builder : builders) file.tracks.push_back(builder.build());
  return file;
}

}  // namespace cadenza::score
