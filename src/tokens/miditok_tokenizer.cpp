#include "tokens/miditok_tokenizer.h"

#include <algorithm>

#include "midi/reader.h"
#include "tokens/miditok_preprocess.h"
#include "tokens/miditoolkit_midi.h"
#include "tokens/remi_tokenizer.h"
#include "tokens/tsd_tokenizer.h"

namespace cadenza::tokens::miditok {

Tokenization tokenize(const midi::File& file, Scheme scheme) {
  ToolkitMidi midi = toolkit_midi(file);
  const PreparedStream stream = prepare_stream(midi);
  Tokenization out;
  out.tokens = scheme == Scheme::Remi ? remi_encode(stream) : tsd_encode(stream);
  out.refusals = stream.refusals;
  out.notes_kept = stream.notes_kept;
  // A token outside the vocabulary makes MidiTok raise KeyError when it converts to ids. Only
  // a Position past the longest bar can be (time signatures were reported already; every
  // other value comes from MidiTok's own tables).
  const int positions = default_config().remi_positions;
  for (const Token& t : out.tokens) {
    if (t.kind != TokenKind::Position || (t.value >= 0 && t.value < positions)) continue;
    const std::string why = "token " + token_text(t) + " outside the vocabulary";
    if (std::find(out.refusals.begin(), out.refusals.end(), why) == out.refusals.end())
      out.refusals.push_back(why);
  }
  return out;
}

Tokenization tokenize_bytes(const std::uint8_t* data, std::size_t size, Scheme scheme,
                            const std::string& source) {
  return tokenize(midi::parse(data, size, source), scheme);
}

Tokenization tokenize_file(const std::filesystem::path& path, Scheme scheme) {
  return tokenize(midi::read(path), scheme);
}

std::vector<std::string> token_texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) out.push_back(token_text(t));
  return out;
}

}  // namespace cadenza::tokens::miditok
