#include "tokens/miditoolkit_midi.h"

#include <algorithm>
#include <array>
#include <deque>
#include <unordered_map>

namespace cadenza::tokens::miditok {
namespace {

void refuse(ToolkitMidi& out, const std::string& why) {
  if (std::find(out.mido_refusals.begin(), out.mido_refusals.end(), why) == out.mido_refusals.end())
    out.mido_refusals.push_back(why);
}

// mido decodes these meta events field by field and raises on short or invalid data.
bool meta_event_readable_by_mido(const midi::Event& e) {
  const std::size_t n = e.data.size();
  switch (e.meta_type) {
    case midi::meta::kSequenceNumber:
      return n != 1;
    case midi::meta::kChannelPrefix:
      return n >= 1;
    case midi::meta::kSmpteOffset:
      return n >= 5;
    case midi::meta::kTempo:
      return n >= 3;
    case midi::meta::kTimeSignature:
      return n >= 4;
    case midi::meta::kKeySignature: {
      if (n < 2) return false;
      const int key = static_cast<std::int8_t>(e.data[0]);
      const int mode = static_cast<std::uint8_t>(e.data[1]);
      return key >= -7 && key <= 7 && (mode == 0 || mode == 1);
    }
    default:
      return true;
  }
}

struct OpenNote {
  std::int64_t start;
  int velocity;
};

}  // namespace

ToolkitMidi toolkit_midi(const midi::File& file) {
  ToolkitMidi out;
  if (file.division.smpte) {
    // mido reads the division as a negative number; a beat here is one second of frames.
    out.ticks_per_beat = file.division.frames_per_second * file.division.ticks_per_frame;
    refuse(out, "SMPTE division (mido reads a negative ticks_per_beat)");
  } else {
    out.ticks_per_beat = file.division.ticks_per_quarter;
    if (out.ticks_per_beat > 32767)
      refuse(out, "division " + std::to_string(out.ticks_per_beat) +
                      " above 32767 (mido reads it as negative)");
  }
  for (const std::string& warning : file.warnings)
    if (warning.find("clamped") != std::string::npos)
      refuse(out, "a data byte above 127 (mido: data byte must be in range 0..127)");

  out.tempos.push_back({120.0, 0});
  // Open notes by channel * 128 + pitch, reused across tracks (emptied at each track's start).
  std::vector<std::deque<OpenNote>> open(16 * 128);
  std::vector<int> used_keys;
  for (std::size_t track_index = 0; track_index < file.tracks.size(); ++track_index) {
    const midi::Track& track = file.tracks[track_index];
    std::array<int, 16> program{};  // miditoolkit starts every track at program 0
    std::unordered_map<int, std::size_t> instrument_of;  // program * 16 + channel -> index
    for (int key : used_keys) open[key].clear();
    used_keys.clear();
    for (const midi::Event& e : track.events) {
      const auto tick = static_cast<std::int64_t>(e.tick);
      switch (e.kind) {
        case midi::EventKind::ProgramChange:
          program[e.channel] = e.data1;
          break;
        case midi::EventKind::NoteOn:
        case midi::EventKind::NoteOff: {
          const int key = e.channel * 128 + e.data1;
          if (e.is_note_on()) {
            if (open[key].empty()) used_keys.push_back(key);
            open[key].push_back({tick, e.data2});
            break;
          }
          if (open[key].empty()) break;  // a note-off with no note: ignored
          const OpenNote started = open[key].front();
          open[key].pop_front();
          const int instrument_key = program[e.channel] * 16 + e.channel;
          auto found = instrument_of.find(instrument_key);
          if (found == instrument_of.end()) {
            found = instrument_of.emplace(instrument_key, out.instruments.size()).first;
            ToolkitInstrument instrument;
            instrument.program = program[e.channel];
            instrument.is_drum = e.channel == 9;
            out.instruments.push_back(std::move(instrument));
          }
          out.instruments[found->second].notes.push_back(
              {started.start, tick, e.data1, started.velocity});
          break;
        }
        case midi::EventKind::Meta: {
          if (!meta_event_readable_by_mido(e)) {
            refuse(out, "meta event " + std::to_string(e.meta_type) + " with " +
                            std::to_string(e.data.size()) + " bytes that mido cannot decode");
            break;
          }
          const auto* d = reinterpret_cast<const std::uint8_t*>(e.data.data());
          if (e.meta_type == midi::meta::kTempo) {
            const long microseconds = (long{d[0]} << 16) | (long{d[1]} << 8) | d[2];
            if (microseconds == 0) {
              refuse(out, "a tempo of 0 microseconds per beat");
              break;
            }
            const double bpm = 60000000.0 / static_cast<double>(microseconds);
            if (tick == 0)
              out.tempos.assign(1, {bpm, 0});
            else if (bpm != out.tempos.back().bpm)
              out.tempos.push_back({bpm, tick});
          } else if (e.meta_type == midi::meta::kTimeSignature) {
            ToolkitTimeSignature ts;
            ts.numerator = d[0];
            ts.denominator = d[1] < 62 ? (std::int64_t{1} << d[1]) : (std::int64_t{1} << 62);
            ts.tick = tick;
            out.time_signatures.push_back(ts);
          }
          break;
        }
        default:
          break;
      }
    }
  }
  std::stable_sort(
      out.time_signatures.begin(), out.time_signatures.end(),
      [](const ToolkitTimeSignature& a, const ToolkitTimeSignature& b) { return a.tick < b.tick; });
  return out;
}

}  // namespace cadenza::tokens::miditok
