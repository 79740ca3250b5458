#pragma once
// Token ids of MidiTok tokens across a corpus: MidiTok's own ids for the tokens of its
// vocabulary, and for tokens outside it (what the extension writes for files MidiTok 2.1.8
// refuses, docs/tokenizer.md) the ids after it, vocab.size() + i, in the order of first use.
// `cadenza tokenize --format remi|tsd` numbers its ids file this way, and so does the Python
// module for the files of one call.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokens/miditok_vocab.h"

namespace cadenza::tokens::miditok {

class CorpusIds {
 public:
  explicit CorpusIds(const MidiTokVocab& vocab) : vocab_(vocab) {}

  // Throws std::runtime_error when a token would need an id beyond 65535.
  std::uint16_t id(const Token& token);
  const std::string& text(std::uint16_t id) const;  // of an id given by id()

  // Every id given is below it.
  std::uint32_t size() const;
  const std::vector<std::string>& extension_tokens() const { return extension_tokens_; }

 private:
  const MidiTokVocab& vocab_;
  std::vector<std::string> extension_tokens_;
  std::unordered_map<std::string, std::uint16_t> extension_ids_;
};

}  // namespace cadenza::tokens::miditok
