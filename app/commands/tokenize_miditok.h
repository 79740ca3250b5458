#pragma once
// `cadenza tokenize --format remi|tsd`: MidiTok 2.1.8's tokens, streamed to disk.
#include <string>
#include <vector>

namespace cadenza::app {

struct MidiTokTokenizeArgs {
  std::vector<std::string> inputs;
  std::string output;      // the text corpus (#cadenza-corpus 1)
  std::string scheme;      // "remi" or "tsd"
  std::string ids_path;    // default: output + ".ids"
  std::string vocab_path;  // default: output + ".vocab.json"
  // REMI: "Genre_<genre>" opens every document of the text corpus (a genre model's condition,
  // docs/genre.md); the ids file stays MidiTok's ids, which have no genre token.
  std::string genre;
  unsigned threads = 0;
  bool quiet = false;
};

void run_miditok_tokenize(const MidiTokTokenizeArgs& options);

}  // namespace cadenza::app
