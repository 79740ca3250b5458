#include "score_object.h"

#include <fstream>
#include <iterator>

#include "errors.h"
#include "midi/reader.h"
#include "midi/writer.h"

namespace cadenza::python {

std::shared_ptr<ScoreObject> make_score(midi::File file, std::string bytes, std::string source) {
  auto object = std::make_shared<ScoreObject>();
  if (bytes.empty()) {
    const std::vector<std::uint8_t> written = midi::serialize(file);
    bytes.assign(written.begin(), written.end());
  }
  object->bytes = std::move(bytes);
  object->score = score::from_midi(file);
  object->warnings = file.warnings;
  object->file = std::move(file);
  object->source = std::move(source);
  return object;
}

std::shared_ptr<ScoreObject> read_score_file(const std::string& path) {
  require_exists(path);
  midi::File file = midi::read(path);  // the reader's messages for what is no MIDI file
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return make_score(std::move(file), std::move(bytes), path);
}

std::shared_ptr<ScoreObject> read_score_bytes(const std::string& bytes) {
  return make_score(
      midi::parse(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), "<bytes>"),
      bytes, "<bytes>");
}

}  // namespace cadenza::python
