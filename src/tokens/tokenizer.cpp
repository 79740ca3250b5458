#include "tokens/tokenizer.h"

#include <limits>
#include <stdexcept>

#include "tokens/miditok_tokens.h"
#include "tokens/paper_tokens.h"
#include "tokens/remi_corpus.h"

namespace cadenza::tokens {

bool AnyTokenGrammar::allows(std::int64_t id) const {
  return id >= 0 && static_cast<std::size_t>(id) < size_;
}

void AnyTokenGrammar::mask(std::vector<float>& logits) const {
  for (std::size_t id = size_; id < logits.size(); ++id)
    logits[id] = -std::numeric_limits<float>::infinity();
}

void AnyTokenGrammar::accept(std::int64_t id) {
  if (!allows(id))
    throw std::invalid_argument("id " + std::to_string(id) + " is outside the vocabulary of " +
                                std::to_string(size_) + " tokens");
}

const std::vector<std::string>& tokenizer_names() {
  static const std::vector<std::string> names = {"paper", "remi", "tsd"};
  return names;
}

std::unique_ptr<Tokenizer> make_tokenizer(const std::string& name) {
  if (name == "paper") return std::make_unique<PaperTokenizer>();
  if (name == "remi") return std::make_unique<RemiTokenizer>();
  if (name == "tsd") return std::make_unique<TsdTokenizer>();
  std::string known;
  for (const auto& n : tokenizer_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown tokenizer '" + name + "' (known: " + known + ")");
}

std::unique_ptr<Tokenizer> corpus_tokenizer(const Corpus& corpus) {
  return make_tokenizer(is_remi_corpus(corpus) ? "remi" : "paper");
}

}  // namespace cadenza::tokens
