// read_midi() and the Score and Track classes: notes as NumPy structured arrays with onset and
// duration in ticks, quarter notes and seconds (symusic's and miditoolkit's view of a file).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <map>

#include "bindings.h"
#include "errors.h"
#include "inputs.h"
#include "midi/writer.h"
#include "records.h"
#include "score_object.h"

namespace cadenza::python {
namespace py = pybind11;
namespace {

struct TrackObject {
  int index = 0;  // the MIDI track the notes are in
  std::string name, instrument;
  int program = 0, channel = 0;
  bool is_drum = false;
  py::array notes;
};

// The note fields every notes array has; `with_track` adds track, channel and program.
py::array note_records(const std::vector<const score::Note*>& notes, bool with_track) {
  const std::size_t n = notes.size();
  std::vector<std::int64_t> start(n), duration(n);
  std::vector<double> start_quarters(n), duration_quarters(n), start_seconds(n),
      duration_seconds(n);
  std::vector<std::uint8_t> pitch(n), velocity(n), channel(n), program(n);
  std::vector<std::int32_t> track(n);
  for (std::size_t i = 0; i < n; ++i) {
    const score::Note& note = *notes[i];
    start[i] = note.start_tick;
    duration[i] = note.end_tick - note.start_tick;
    start_quarters[i] = note.start_quarters;
    duration_quarters[i] = note.duration_quarters;
    start_seconds[i] = note.start_seconds;
    duration_seconds[i] = note.duration_seconds;
    pitch[i] = static_cast<std::uint8_t>(note.pitch);
    velocity[i] = static_cast<std::uint8_t>(note.velocity);
    channel[i] = static_cast<std::uint8_t>(note.channel);
    program[i] = static_cast<std::uint8_t>(note.program);
    track[i] = note.track;
  }
  std::vector<std::pair<std::string, py::array>> columns = {
      {"start", column(start)},
      {"duration", column(duration)},
      {"start_quarters", column(start_quarters)},
      {"duration_quarters", column(duration_quarters)},
      {"start_seconds", column(start_seconds)},
      {"duration_seconds", column(duration_seconds)},
      {"pitch", column(pitch)},
      {"velocity", column(velocity)}};
  if (with_track) {
    columns.emplace_back("track", column(track));
    columns.emplace_back("channel", column(channel));
    columns.emplace_back("program", column(program));
  }
  return records(columns);
}

std::vector<const score::Note*> all_notes(const score::Score& score) {
  std::vector<const score::Note*> out;
  for (const score::Note& note : score.notes) out.push_back(&note);
  return out;
}

// One Track per MIDI track that has notes, in track order.
std::vector<TrackObject> tracks_of(const score::Score& score) {
  std::map<int, std::vector<const score::Note*>> by_track;
  for (const score::Note& note : score.notes) by_track[note.track].push_back(&note);
  std::vector<TrackObject> out;
  for (const auto& [index, notes] : by_track) {
    TrackObject track;
    track.index = index;
    if (index >= 0 && static_cast<std::size_t>(index) < score.tracks.size()) {
      track.name = score.tracks[static_cast<std::size_t>(index)].name;
      track.instrument = score.tracks[static_cast<std::size_t>(index)].instrument;
    }
    track.program = notes.front()->program;
    track.channel = notes.front()->channel;
    track.is_drum = notes.front()->is_drum();
    track.notes = note_records(notes, false);
    out.push_back(std::move(track));
  }
  return out;
}

py::array tempo_records(const score::Score& score) {
  std::vector<std::int64_t> tick;
  std::vector<double> seconds, bpm;
  for (const score::TempoChange& t : score.tempos) {
    tick.push_back(t.tick);
    seconds.push_back(score.seconds_at(t.tick));
    bpm.push_back(t.bpm());
  }
  return records({{"tick", column(tick)}, {"seconds", column(seconds)}, {"bpm", column(bpm)}});
}

py::array time_signature_records(const score::Score& score) {
  std::vector<std::int64_t> tick;
  std::vector<double> seconds;
  std::vector<std::int32_t> numerator, denominator;
  for (const score::TimeSignature& t : score.time_signatures) {
    tick.push_back(t.tick);
    seconds.push_back(score.seconds_at(t.tick));
    numerator.push_back(t.numerator);
    denominator.push_back(t.denominator);
  }
  return records({{"tick", column(tick)},
                  {"seconds", column(seconds)},
                  {"numerator", column(numerator)},
                  {"denominator", column(denominator)}});
}

py::array key_signature_records(const score::Score& score) {
  std::vector<std::int64_t> tick;
  std::vector<std::int32_t> sharps;
  std::vector<bool> minor;
  for (const score::KeySignature& k : score.key_signatures) {
    tick.push_back(k.tick);
    sharps.push_back(k.sharps);
    minor.push_back(k.minor);
  }
  py::array_t<bool> minor_column(static_cast<py::ssize_t>(minor.size()));
  for (std::size_t i = 0; i < minor.size(); ++i)
    minor_column.mutable_at(static_cast<py::ssize_t>(i)) = minor[i];
  return records({{"tick", column(tick)}, {"sharps", column(sharps)}, {"minor", minor_column}});
}

std::shared_ptr<ScoreObject> read_midi(const py::object& source) {
  if (is_bytes(source)) {
    const std::string bytes = to_bytes(source);
    py::gil_scoped_release unlocked;
    return read_score_bytes(bytes);
  }
  if (!is_path(source))
    throw py::type_error("read_midi() takes a path (str or os.PathLike) or the file's bytes");
  const std::string path = to_path(source).string();
  py::gil_scoped_release unlocked;
  return read_score_file(path);
}

void write_score(const ScoreObject& score, const py::object& path_object) {
  const std::filesystem::path path = to_path(path_object);
  py::gil_scoped_release unlocked;
  try {
    midi::write(score.file, path);
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::exception& e) {
    throw WriteFailure(e.what());
  }
}

std::string score_repr(const ScoreObject& s) {
  std::size_t tracks = tracks_of(s.score).size();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", s.score.duration_seconds());
  return "<cadenza.Score " + s.source + ": " + std::to_string(tracks) + " tracks, " +
         std::to_string(s.score.notes.size()) + " notes, " + seconds + " s, " +
         std::to_string(s.score.ticks_per_quarter) + " ticks per quarter>";
}

}  // namespace

void bind_score(py::module_& m) {
  py::class_<TrackObject>(m, "Track", "The notes of one MIDI track, and what plays them.")
      .def_readonly("index", &TrackObject::index, "the track's number in the MIDI file")
      .def_readonly("name", &TrackObject::name, "the track name meta event ('' if none)")
      .def_readonly("instrument", &TrackObject::instrument, "the instrument name meta event")
      .def_readonly("program", &TrackObject::program, "GM program (0-127) of its first note")
      .def_readonly("channel", &TrackObject::channel, "MIDI channel (0-15) of its first note")
      .def_readonly("is_drum", &TrackObject::is_drum, "its first note is on channel 10 (9)")
      .def_readonly("notes", &TrackObject::notes,
                    "structured array: start, duration (ticks), start_quarters, "
                    "duration_quarters, start_seconds, duration_seconds, pitch, velocity")
      .def("__len__", [](const TrackObject& t) { return t.notes.size(); })
      .def("__repr__", [](const TrackObject& t) {
        return "<cadenza.Track " + std::to_string(t.index) + " '" + t.name + "': program " +
               std::to_string(t.program) + (t.is_drum ? " (drums)" : "") + ", " +
               std::to_string(t.notes.size()) + " notes>";
      });

  py::class_<ScoreObject, std::shared_ptr<ScoreObject>>(
      m, "Score", "A MIDI file: its notes in ticks, quarter notes and seconds, tempos, signatures.")
      .def_property_readonly("ticks_per_quarter",
                             [](const ScoreObject& s) { return s.score.ticks_per_quarter; })
      .def_property_readonly("tpq", [](const ScoreObject& s) { return s.score.ticks_per_quarter; })
      .def_property_readonly("tracks", [](const ScoreObject& s) { return tracks_of(s.score); })
      .def_property_readonly(
          "notes", [](const ScoreObject& s) { return note_records(all_notes(s.score), true); })
      .def_property_readonly("tempos", [](const ScoreObject& s) { return tempo_records(s.score); })
      .def_property_readonly("time_signatures",
                             [](const ScoreObject& s) { return time_signature_records(s.score); })
      .def_property_readonly("key_signatures",
                             [](const ScoreObject& s) { return key_signature_records(s.score); })
      .def_property_readonly("duration_seconds",
                             [](const ScoreObject& s) { return s.score.duration_seconds(); })
      .def_readonly("source", &ScoreObject::source)
      .def_readonly("warnings", &ScoreObject::warnings)
      .def("write", &write_score, py::arg("path"),
           "Writes the MIDI file (atomically: a failure leaves an existing file untouched).")
      .def(
          "to_bytes",
          [](const ScoreObject& s) {
            const std::vector<std::uint8_t> bytes = midi::serialize(s.file);
            return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
          },
          "The MIDI file's bytes (what write() writes).")
      .def("__repr__", &score_repr)
      .def(py::pickle(  // the file's bytes: a Score travels to worker processes (DataLoader)
          [](const ScoreObject& s) {
            return py::make_tuple(py::bytes(s.bytes), s.source, s.warnings);
          },
          [](const py::tuple& state) {
            auto score = read_score_bytes(state[0].cast<std::string>());
            score->source = state[1].cast<std::string>();
            score->warnings = state[2].cast<std::vector<std::string>>();
            return score;
          }));

  m.def("read_midi", &read_midi, py::arg("source"),
        "Reads a Standard MIDI File from a path or from its bytes. Raises FileNotFoundError for a "
        "missing path and ValueError (naming the byte offset) for data that is not MIDI.");
}

}  // namespace cadenza::python
