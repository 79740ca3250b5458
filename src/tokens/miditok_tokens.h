#pragma once
// MidiTok 2.1.8's REMI+ and TSD behind the Tokenizer interface (tokenizer.h). Both encode with
// miditok_tokenizer.h and decode with miditok_decoder.h (tokens that cannot be placed are
// skipped, as MidiTok does).
// - REMI: the vocabulary is MidiTok's 407 tokens, then the corpus' genre tokens
//   (remi_corpus.h); the grammar is RemiGrammar (remi_grammar.h), the encoder's order, so that
//   whatever is sampled under it decodes with no skipped token.
// - TSD: the vocabulary is MidiTok's 422 TSD tokens. There is no TSD grammar yet: grammar()
//   allows every token everywhere (AnyTokenGrammar), so a sampled sequence may hold tokens the
//   decoder skips.
#include "tokens/miditok_vocab.h"
#include "tokens/tokenizer.h"

namespace cadenza::tokens {

// What REMI and TSD share: MidiTok's reading of the file and its decoder.
class MidiTokTokenizer : public Tokenizer {
 public:
  explicit MidiTokTokenizer(miditok::Scheme scheme) : scheme_(scheme) {}
  bool multi_track() const override { return true; }
  // refusals: why MidiTok 2.1.8 would refuse the file (a time signature it lacks, ...).
  Encoding encode(const std::uint8_t* data, std::size_t size,
                  const std::string& source = "<memory>") const override;
  Encoding encode_file(const std::filesystem::path& path) const override;
  score::Score decode(const std::vector<std::string>& tokens) const override;

 private:
  miditok::Scheme scheme_;
};

class RemiTokenizer final : public MidiTokTokenizer {
 public:
  RemiTokenizer() : MidiTokTokenizer(miditok::Scheme::Remi) {}
  std::string name() const override { return "remi"; }
  std::string description() const override { return "REMI tokens (MidiTok 2.1.8)"; }
  // Throws std::runtime_error when some documents have a genre token and others do not.
  Vocab vocabulary(const Corpus& corpus) const override;
  std::unique_ptr<Grammar> grammar(const Vocab& vocab) const override;
};

class TsdTokenizer final : public MidiTokTokenizer {
 public:
  TsdTokenizer() : MidiTokTokenizer(miditok::Scheme::Tsd) {}
  std::string name() const override { return "tsd"; }
  std::string description() const override { return "TSD tokens (MidiTok 2.1.8)"; }
  Vocab vocabulary(const Corpus& corpus) const override;  // MidiTok's, whatever the corpus
  std::unique_ptr<Grammar> grammar(const Vocab& vocab) const override;
};

}  // namespace cadenza::tokens
