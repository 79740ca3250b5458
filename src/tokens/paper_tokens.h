#pragma once
// The paper's tokens behind the Tokenizer interface (tokenizer.h): paper_tokenizer.h encodes as
// music21 9.1 does, paper_decoder.h decodes. The vocabulary is every distinct token of the
// training corpus, sorted (Vocab::from_corpus). Any token may follow any other: every note and
// chord name decodes, so the grammar is AnyTokenGrammar.
#include "tokens/paper_decoder.h"
#include "tokens/tokenizer.h"

namespace cadenza::tokens {

class PaperTokenizer final : public Tokenizer {
 public:
  // `decoding`: tempo, instrument and spacing of the notes decode() writes.
  explicit PaperTokenizer(const DecodeOptions& decoding = {}) : decoding_(decoding) {}

  std::string name() const override { return "paper"; }
  std::string description() const override { return "the paper's tokens (one melody line)"; }
  bool multi_track() const override { return false; }
  // refusals: music21 9.1's reason to refuse the file (one at most).
  Encoding encode(const std::uint8_t* data, std::size_t size,
                  const std::string& source = "<memory>") const override;
  Encoding encode_file(const std::filesystem::path& path) const override;
  // Throws std::invalid_argument naming the position and text of a token that is neither a
  // pitch name nor a chord of pitch classes (paper_tokens_to_score()).
  score::Score decode(const std::vector<std::string>& tokens) const override;
  Vocab vocabulary(const Corpus& corpus) const override;
  std::unique_ptr<Grammar> grammar(const Vocab& vocab) const override;

 private:
  DecodeOptions decoding_;
};

}  // namespace cadenza::tokens
