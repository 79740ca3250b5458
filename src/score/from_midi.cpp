// midi::File -> Score. Decisions (see docs/midi.md):
// - Format 0 and 1: tempo changes and program changes of every track apply to all tracks, in
//   the order a player merging the tracks by time would meet them (tick, then track index,
//   then position in the track).
// - Format 2: every track is an independent sequence: its notes are timed by its own tempo
//   changes and take programs from its own program changes. Score::tempos holds track 0's.
// - SMPTE divisions: time is absolute (tempo events are ignored); ticks are doubled and
//   ticks_per_quarter is the nominal ticks per second, with one tempo of 120 BPM (500500 us
//   per quarter for 29.97 drop-frame), so quarters = seconds * 2.
// - Notes pair first-in first-out per (track, channel, pitch); an unmatched note-off is
//   ignored; a note still sounding when its track ends lasts until the track's last event.
#include <algorithm>
#include <array>
#include <tuple>

#include "score/score.h"
#include "score/tempo_map.h"

namespace cadenza::score {
namespace {

using midi::Event;
using midi::EventKind;

// Position of an event in the merged playback order of a format 0/1 file.
struct Position {
  std::int64_t tick;
  std::size_t track, index;
  bool operator<(const Position& o) const {
    return std::tie(tick, track, index) < std::tie(o.tick, o.track, o.index);
  }
};

struct ProgramChange {
  Position at;
  int program;
};

// Program changes per channel, looked up by position.
class ProgramTimeline {
 public:
  void add(int channel, Position at, int program) { changes_[channel].push_back({at, program}); }
  void sort() {
    for (auto& list : changes_) {
      std::stable_sort(list.begin(), list.end(),
                       [](const ProgramChange& a, const ProgramChange& b) { return a.at < b.at; });
    }
  }
  // The program set by the last change strictly before `at` (GM default 0 without one).
  int at(int channel, Position at) const {
    const auto& list = changes_[channel];
    auto it = std::lower_bound(list.begin(), list.end(), at,
                               [](const ProgramChange& c, const Position& p) { return c.at < p; });
    return it == list.begin() ? 0 : (it - 1)->program;
  }

 private:
  std::array<std::vector<ProgramChange>, 16> changes_;
};

struct Timing {
  int scale = 1;  // score ticks per file tick (2 for SMPTE)
  int ticks_per_quarter = 480;
  bool smpte = false;
  double smpte_microseconds_per_quarter = 500000;
};

Timing timing_of(const midi::Division& division) {
  Timing timing;
  if (!division.smpte) {
    timing.ticks_per_quarter = std::max(division.ticks_per_quarter, 1);
    return timing;
  }
  const bool drop_frame = division.frames_per_second == 29;
  const int nominal_fps = drop_frame ? 30 : division.frames_per_second;
  timing.smpte = true;
  timing.scale = 2;
  timing.ticks_per_quarter = std::max(nominal_fps * division.ticks_per_frame, 1);
  // Real frame rate of drop-frame is 30000/1001: seconds stretch by 1.001.
  timing.smpte_microseconds_per_quarter = drop_frame ? 500500 : 500000;
  return timing;
}

std::int64_t score_tick(const Event& event, const Timing& timing) {
  return static_cast<std::int64_t>(event.tick) * timing.scale;
}

std::vector<TempoChange> tempos_of(const std::vector<const midi::Track*>& tracks,
                                   const Timing& timing) {
  if (timing.smpte) return {TempoChange{0, timing.smpte_microseconds_per_quarter}};
  struct Found {
    Position at;
    double microseconds;
  };
  std::vector<Found> found;
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const auto& events = tracks[t]->events;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Event& e = events[i];
      if (e.kind != EventKind::Meta || e.meta_type != midi::meta::kTempo || e.data.size() < 3) {
        continue;
      }
      const auto* b = reinterpret_cast<const unsigned char*>(e.data.data());
      const double microseconds = (b[0] << 16) | (b[1] << 8) | b[2];
      if (microseconds > 0) found.push_back({{score_tick(e, timing), t, i}, microseconds});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.at < b.at; });
  std::vector<TempoChange> tempos;
  for (const Found& f : found) {
    if (!tempos.empty() && tempos.back().tick == f.at.tick) {
      tempos.back().microseconds_per_quarter = f.microseconds;  // the later one wins
    } else {
      tempos.push_back({f.at.tick, f.microseconds});
    }
  }
  if (tempos.empty() || tempos.front().tick > 0) tempos.insert(tempos.begin(), TempoChange{});
  return tempos;
}

void read_signatures(const midi::File& file, const Timing& timing, Score& score) {
  for (const midi::Track& track : file.tracks) {
    for (const Event& e : track.events) {
      if (e.kind != EventKind::Meta || e.data.size() < 2) continue;
      const auto* b = reinterpret_cast<const unsigned char*>(e.data.data());
      if (e.meta_type == midi::meta::kTimeSignature && b[1] < 16 && b[0] > 0) {
        score.time_signatures.push_back({score_tick(e, timing), b[0], 1 << b[1]});
      } else if (e.meta_type == midi::meta::kKeySignature) {
        score.key_signatures.push_back(
            {score_tick(e, timing), static_cast<signed char>(b[0]), b[1] != 0});
      }
    }
  }
  // Several tracks often repeat the same signature: keep one per tick (the last track's).
  auto by_tick = [](const auto& a, const auto& b) { return a.tick < b.tick; };
  auto keep_last_per_tick = [&](auto& list) {
    std::stable_sort(list.begin(), list.end(), by_tick);
    std::decay_t<decltype(list)> kept;
    for (const auto& item : list) {
      if (!kept.empty() && kept.back().tick == item.tick) {
        kept.back() = item;
      } else {
        kept.push_back(item);
      }
    }
    list = std::move(kept);
  };
  keep_last_per_tick(score.time_signatures);
  keep_last_per_tick(score.key_signatures);
}

TrackInfo track_info(const midi::Track& track) {
  TrackInfo info;
  bool named = false, instrument_named = false;
  for (const Event& e : track.events) {
    if (e.kind == EventKind::Meta && e.meta_type == midi::meta::kTrackName && !named) {
      info.name = e.data;
      named = true;
    } else if (e.kind == EventKind::Meta && e.meta_type == midi::meta::kInstrumentName &&
               !instrument_named) {
      info.instrument = e.data;
      instrument_named = true;
    } else if (e.kind == EventKind::ProgramChange && info.program < 0) {
      info.program = e.data1;
    } else if (e.is_note_on() && info.channel < 0) {
      info.channel = e.channel;
    }
  }
  return info;
}

ProgramTimeline programs_of(const std::vector<const midi::Track*>& tracks,
                            const std::vector<std::size_t>& indices, const Timing& timing) {
  ProgramTimeline timeline;
  for (std::size_t t = 0; t < tracks.size(); ++t) {
    const auto& events = tracks[t]->events;
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i].kind == EventKind::ProgramChange) {
        timeline.add(events[i].channel, {score_tick(events[i], timing), indices[t], i},
                     events[i].data1);
      }
    }
  }
  timeline.sort();
  return timeline;
}

// Open notes per (channel, pitch), oldest first, as indices into the notes vector. Allocated
// once per file; each track leaves it empty.
using OpenNotes = std::vector<std::vector<std::size_t>>;

// Pairs the notes of one track and appends them to `notes` (ticks only).
void pair_notes(const midi::Track& track, std::size_t track_index, const Timing& timing,
                const ProgramTimeline& programs, OpenNotes& open, std::vector<Note>& notes) {
  std::int64_t last_tick = 0;
  const std::size_t first = notes.size();
  for (std::size_t i = 0; i < track.events.size(); ++i) {
    const Event& e = track.events[i];
    const std::int64_t tick = score_tick(e, timing);
    last_tick = std::max(last_tick, tick);
    if (e.is_note_on()) {
      Note note;
      note.pitch = e.data1;
      note.velocity = e.data2;
      note.channel = e.channel;
      note.program = programs.at(e.channel, {tick, track_index, i});
      note.track = static_cast<int>(track_index);
      note.start_tick = note.end_tick = tick;
      open[e.channel * 128 + e.data1].push_back(notes.size());
      notes.push_back(note);
    } else if (e.is_note_off()) {
      auto& queue = open[e.channel * 128 + e.data1];
      if (queue.empty()) continue;  // a note-off without a note-on
      notes[queue.front()].end_tick = tick;
      queue.erase(queue.begin());
    }
  }
  // Notes still sounding end with the track; only keys of this track's notes can be open.
  for (std::size_t n = first; n < notes.size(); ++n) {
    auto& queue = open[notes[n].channel * 128 + notes[n].pitch];
    for (std::size_t index : queue) notes[index].end_tick = last_tick;
    queue.clear();
  }
}

void fill_times(const TempoMap& map, int ticks_per_quarter, Note& note) {
  note.start_quarters = static_cast<double>(note.start_tick) / ticks_per_quarter;
  note.duration_quarters = static_cast<double>(note.end_tick - note.start_tick) / ticks_per_quarter;
  note.start_seconds = map.seconds_at(note.start_tick);
  note.duration_seconds = map.seconds_at(note.end_tick) - note.start_seconds;
}

bool note_order(const Note& a, const Note& b) {
  return std::tie(a.start_tick, a.pitch, a.track, a.channel, a.end_tick) <
         std::tie(b.start_tick, b.pitch, b.track, b.channel, b.end_tick);
}

}  // namespace

Score from_midi(const midi::File& file) {
  const Timing timing = timing_of(file.division);
  Score score;
  score.ticks_per_quarter = timing.ticks_per_quarter;
  std::vector<const midi::Track*> all_tracks;
  std::vector<std::size_t> all_indices;
  for (std::size_t t = 0; t < file.tracks.size(); ++t) {
    all_tracks.push_back(&file.tracks[t]);
    all_indices.push_back(t);
    score.tracks.push_back(track_info(file.tracks[t]));
  }
  read_signatures(file, timing, score);
  OpenNotes open(16 * 128);

  if (file.format != 2) {
    score.tempos = tempos_of(all_tracks, timing);
    const ProgramTimeline programs = programs_of(all_tracks, all_indices, timing);
    for (std::size_t t = 0; t < file.tracks.size(); ++t) {
      pair_notes(file.tracks[t], t, timing, programs, open, score.notes);
    }
    const TempoMap map(score.tempos, score.ticks_per_quarter);
    for (Note& note : score.notes) fill_times(map, score.ticks_per_quarter, note);
  } else {
    for (std::size_t t = 0; t < file.tracks.size(); ++t) {
      const std::vector<const midi::Track*> own = {&file.tracks[t]};
      const std::vector<TempoChange> tempos = tempos_of(own, timing);
      if (t == 0) score.tempos = tempos;
      const std::size_t first = score.notes.size();
      pair_notes(file.tracks[t], t, timing, programs_of(own, {t}, timing), open, score.notes);
      const TempoMap map(tempos, score.ticks_per_quarter);
      for (std::size_t n = first; n < score.notes.size(); ++n) {
        fill_times(map, score.ticks_per_quarter, score.notes[n]);
      }
    }
    if (score.tempos.empty()) score.tempos.push_back(TempoChange{});
  }
  if (score.tempos.empty()) score.tempos.push_back(TempoChange{});
  std::stable_sort(score.notes.begin(), score.notes.end(), note_order);
  return score;
}

}  // namespace cadenza::score
