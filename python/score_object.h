#pragma once
// What a Python `cadenza.Score` holds: the MIDI file as read (what tokenize and write use, so
// that a score read from a file tokenizes exactly as the file does) and the notes, tempos and
// signatures score::from_midi finds in it (what Python sees).
#include <memory>
#include <string>
#include <vector>

#include "midi/file.h"
#include "score/score.h"

namespace cadenza::python {

struct ScoreObject {
  std::string bytes;  // the file as read (the paper's tokenizer reads bytes as music21 does)
  midi::File file;
  score::Score score;
  std::string source;                 // the path, or "<bytes>", or what made it
  std::vector<std::string> warnings;  // what the reader tolerated, what a decoder skipped
};

// Reads the notes of `file` (score::from_midi); `bytes` empty: midi::serialize(file).
std::shared_ptr<ScoreObject> make_score(midi::File file, std::string bytes, std::string source);

// A MIDI file (path or bytes) read as `cadenza tokenize` and `render` read it.
std::shared_ptr<ScoreObject> read_score_file(const std::string& path);
std::shared_ptr<ScoreObject> read_score_bytes(const std::string& bytes);

}  // namespace cadenza::python
