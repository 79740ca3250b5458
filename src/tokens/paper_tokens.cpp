#include "tokens/paper_tokens.h"

#include "tokens/paper_tokenizer.h"

namespace cadenza::tokens {
namespace {

Encoding encoding_of(PaperTokenization tokenized) {
  Encoding out;
  out.tokens = std::move(tokenized.tokens);
  if (!tokenized.music21_failure.empty()) out.refusals.push_back(tokenized.music21_failure);
  return out;
}

}  // namespace

Encoding PaperTokenizer::encode(const std::uint8_t* data, std::size_t size,
                                const std::string& source) const {
  return encoding_of(paper_tokenize(data, size, source));
}

Encoding PaperTokenizer::encode_file(const std::filesystem::path& path) const {
  return encoding_of(paper_tokenize_file(path));
}

score::Score PaperTokenizer::decode(const std::vector<std::string>& tokens) const {
  return paper_tokens_to_score(tokens, decoding_);
}

Vocab PaperTokenizer::vocabulary(const Corpus& corpus) const { return Vocab::from_corpus(corpus); }

std::unique_ptr<Grammar> PaperTokenizer::grammar(const Vocab& vocab) const {
  return std::make_unique<AnyTokenGrammar>(vocab.size());
}

}  // namespace cadenza::tokens
