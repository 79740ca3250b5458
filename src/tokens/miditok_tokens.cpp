#include "tokens/miditok_tokens.h"

#include "tokens/miditok_decoder.h"
#include "tokens/miditok_tokenizer.h"
#include "tokens/remi_corpus.h"
#include "tokens/remi_grammar.h"

namespace cadenza::tokens {
namespace {

Encoding encoding_of(miditok::Tokenization tokenized) {
  return {miditok::token_texts(tokenized.tokens), std::move(tokenized.refusals)};
}

}  // namespace

Encoding MidiTokTokenizer::encode(const std::uint8_t* data, std::size_t size,
                                  const std::string& source) const {
  return encoding_of(miditok::tokenize_bytes(data, size, scheme_, source));
}

Encoding MidiTokTokenizer::encode_file(const std::filesystem::path& path) const {
  return encoding_of(miditok::tokenize_file(path, scheme_));
}

score::Score MidiTokTokenizer::decode(const std::vector<std::string>& tokens) const {
  return miditok::to_score(miditok::decode(tokens, scheme_));
}

Vocab RemiTokenizer::vocabulary(const Corpus& corpus) const {
  return remi_vocab(corpus_genres(corpus));
}

std::unique_ptr<Grammar> RemiTokenizer::grammar(const Vocab& vocab) const {
  return std::make_unique<RemiGrammar>(vocab);
}

Vocab TsdTokenizer::vocabulary(const Corpus&) const {
  const miditok::MidiTokVocab tsd(miditok::Scheme::Tsd);
  std::vector<std::string> texts;
  for (std::size_t id = 0; id < tsd.size(); ++id) texts.push_back(tsd.text(static_cast<int>(id)));
  return Vocab(std::move(texts));
}

std::unique_ptr<Grammar> TsdTokenizer::grammar(const Vocab& vocab) const {
  return std::make_unique<AnyTokenGrammar>(vocab.size());
}

}  // namespace cadenza::tokens
