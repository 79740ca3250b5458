#include "tokens/miditok_preprocess.h"

#include <algorithm>
#include <map>

namespace cadenza::tokens::miditok {

std::int64_t ticks_per_bar(std::int64_t ticks_per_beat, int numerator, std::int64_t denominator) {
  const double bar =
      static_cast<double>(ticks_per_beat * 4 * numerator) / static_cast<double>(denominator);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(bar));
}

namespace {

// MidiTok rounds a time to the sample grid, a remainder of half a sample going down.
std::int64_t round_to_grid(std::int64_t time, std::int64_t ticks_per_sample) {
  const std::int64_t offset = time % ticks_per_sample;
  if (static_cast<double>(offset) <= static_cast<double>(ticks_per_sample) / 2.0)
    return time - offset;
  return time + ticks_per_sample - offset;
}

int stream_program(const ToolkitInstrument& instrument) {
  return instrument.is_drum ? -1 : instrument.program;
}

void merge_same_program(std::vector<ToolkitInstrument>& instruments) {
  std::vector<int> order;  // programs in first-seen order
  std::map<int, int> count;
  for (const auto& instrument : instruments) {
    const int p = stream_program(instrument);
    if (count[p]++ == 0) order.push_back(p);
  }
  for (int p : order) {
    if (count[p] < 2) continue;
    std::size_t first = instruments.size();
    std::vector<ToolkitNote> notes;
    for (std::size_t i = 0; i < instruments.size(); ++i) {
      if (stream_program(instruments[i]) != p) continue;
      if (first == instruments.size()) first = i;
      notes.insert(notes.end(), instruments[i].notes.begin(), instruments[i].notes.end());
    }
    std::stable_sort(notes.begin(), notes.end(), [](const ToolkitNote& x, const ToolkitNote& y) {
      return x.start != y.start ? x.start < y.start : x.pitch < y.pitch;
    });
    instruments[first].notes = std::move(notes);
    std::vector<ToolkitInstrument> kept;
    kept.reserve(instruments.size());
    for (std::size_t i = 0; i < instruments.size(); ++i)
      if (i == first || stream_program(instruments[i]) != p)
        kept.push_back(std::move(instruments[i]));
    instruments = std::move(kept);
  }
}

void quantize_notes(std::vector<ToolkitNote>& notes, std::int64_t ticks_per_beat,
                    const Config& config) {
  const std::int64_t sample = std::max<std::int64_t>(1, ticks_per_beat / config.max_beat_res);
  const std::int64_t max_duration = config.max_duration_beats * ticks_per_beat;
  std::size_t kept = 0;
  for (ToolkitNote note : notes) {
    if (note.pitch < config.pitch_low || note.pitch >= config.pitch_high) continue;
    note.start = round_to_grid(note.start, sample);
    if (note.end - note.start > max_duration) {
      note.end = note.start + max_duration;
    } else {
      note.end = round_to_grid(note.end, sample);
      if (note.start == note.end) note.end += sample;
    }
    note.velocity = config.quantize_velocity(note.velocity);
    notes[kept++] = note;
  }
  notes.resize(kept);
  std::stable_sort(notes.begin(), notes.end(), [](const ToolkitNote& x, const ToolkitNote& y) {
    if (x.start != y.start) return x.start < y.start;
    if (x.pitch != y.pitch) return x.pitch < y.pitch;
    return x.end < y.end;
  });
  // Of notes sharing pitch and onset, MidiTok keeps the last one.
  std::size_t out = 0;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (i + 1 < notes.size() && notes[i].pitch == notes[i + 1].pitch &&
        notes[i].start == notes[i + 1].start)
      continue;
    notes[out++] = notes[i];
  }
  notes.resize(out);
}

struct QuantizedTempo {
  int index;
  std::int64_t tick;
};

std::vector<QuantizedTempo> quantize_tempos(const std::vector<ToolkitTempo>& tempos,
                                            std::int64_t ticks_per_beat, const Config& config) {
  const std::int64_t sample = std::max<std::int64_t>(1, ticks_per_beat / config.max_beat_res);
  std::vector<QuantizedTempo> out;
  for (const ToolkitTempo& t : tempos) {
    QuantizedTempo q{config.quantize_tempo(t.bpm), round_to_grid(t.tick, sample)};
    if (!out.empty() && out.back().tick == q.tick) out.pop_back();
    out.push_back(q);
  }
  return out;
}

void quantize_time_signatures(std::vector<ToolkitTimeSignature>& sigs,
                              std::int64_t ticks_per_beat) {
  std::int64_t bar = ticks_per_bar(ticks_per_beat, sigs[0].numerator, sigs[0].denominator);
  std::int64_t previous_tick = 0;  // MidiTok takes the first one as if it were at tick 0
  std::size_t i = 1;
  while (i < sigs.size()) {
    ToolkitTimeSignature& ts = sigs[i];
    const std::int64_t since = ts.tick - previous_tick;
    std::int64_t bars = floor_div(since, bar);
    if (since - bars * bar > 0) ts.tick = previous_tick + (bars + 1) * bar;
    bar = ticks_per_bar(ticks_per_beat, ts.numerator, ts.denominator);
    if (ts.tick == previous_tick) {
      sigs.erase(sigs.begin() + static_cast<std::ptrdiff_t>(i) - 1);
      continue;
    }
    previous_tick = ts.tick;
    ++i;
  }
}

void scale_times(ToolkitMidi& midi, std::int64_t factor) {
  midi.ticks_per_beat *= factor;
  for (auto& instrument : midi.instruments)
    for (auto& note : instrument.notes) {
      note.start *= factor;
      note.end *= factor;
    }
  for (auto& t : midi.tempos) t.tick *= factor;
  for (auto& ts : midi.time_signatures) ts.tick *= factor;
}

}  // namespace

PreparedStream prepare_stream(ToolkitMidi& midi, const Config& config) {
  PreparedStream out;
  out.refusals = midi.mido_refusals;
  const std::int64_t min_ticks = 4 * config.max_beat_res;
  if (midi.ticks_per_beat < min_ticks) {
    // Extension: time is scaled to the smallest multiple of 8 ticks per beat that MidiTok
    // accepts, which keeps every onset and duration in beats as it is.
    out.refusals.push_back("ticks_per_beat " + std::to_string(midi.ticks_per_beat) + " < " +
                           std::to_string(min_ticks));
    std::int64_t factor = (min_ticks + midi.ticks_per_beat - 1) / midi.ticks_per_beat;
    while ((midi.ticks_per_beat * factor) % config.max_beat_res != 0) ++factor;
    scale_times(midi, factor);
  }
  // Extension: time signatures that no bar can be made of are dropped.
  std::vector<ToolkitTimeSignature> sigs;
  for (const auto& ts : midi.time_signatures) {
    if (!config.supports_time_signature(ts.numerator, static_cast<int>(ts.denominator))) {
      const std::string why = "time signature " + std::to_string(ts.numerator) + "/" +
                              std::to_string(ts.denominator) + " outside time_signature_range";
      if (std::find(out.refusals.begin(), out.refusals.end(), why) == out.refusals.end())
        out.refusals.push_back(why);
    }
    if (ts.numerator > 0 && ts.denominator <= 64) sigs.push_back(ts);
  }
  const std::int64_t tpb = midi.ticks_per_beat;
  out.ticks_per_beat = tpb;

  merge_same_program(midi.instruments);
  for (std::size_t t = midi.instruments.size(); t-- > 0;) {
    quantize_notes(midi.instruments[t].notes, tpb, config);
    if (midi.instruments[t].notes.empty())
      midi.instruments.erase(midi.instruments.begin() + static_cast<std::ptrdiff_t>(t));
  }
  const std::vector<QuantizedTempo> tempos = quantize_tempos(midi.tempos, tpb, config);
  if (sigs.empty()) sigs.push_back({4, 4, 0});
  quantize_time_signatures(sigs, tpb);

  const std::vector<std::int64_t> duration_ticks = config.duration_ticks(tpb);
  std::vector<StreamEvent>& events = out.events;
  for (const auto& ts : sigs)
    events.push_back({StreamEvent::Kind::TimeSig, ts.tick, ts.numerator,
                      static_cast<int>(ts.denominator), 0, 0, 0});
  for (const auto& t : tempos)
    events.push_back({StreamEvent::Kind::Tempo, t.tick, t.index, 0, 0, 0, 0});
  const std::size_t global_count = events.size();
  for (const auto& instrument : midi.instruments) {
    const int program = stream_program(instrument);
    for (const auto& note : instrument.notes) {
      const int duration = config.nearest_duration(note.end - note.start, duration_ticks);
      events.push_back({StreamEvent::Kind::Note, note.start, program, note.pitch, note.velocity,
                        duration, note.end});
    }
  }
  out.notes_kept = static_cast<std::int64_t>(events.size() - global_count);
  std::stable_sort(events.begin(), events.end(), [](const StreamEvent& x, const StreamEvent& y) {
    if (x.time != y.time) return x.time < y.time;
    const int ox = x.kind == StreamEvent::Kind::Note ? 10 : 0;
    const int oy = y.kind == StreamEvent::Kind::Note ? 10 : 0;
    return ox < oy;
  });
  return out;
}

}  // namespace cadenza::tokens::miditok
