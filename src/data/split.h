#pragma once
// Train/validation split of a token corpus, as id sequences. With file boundaries (several
// documents) whole documents go to validation, so no piece leaks into both sides; a corpus
// that is one long stream (the paper's jazz.txt) is cut contiguously: the last fraction
// validates.
#include <cstdint>
#include <string>
#include <vector>

#include "tokens/corpus.h"
#include "tokens/vocab.h"

namespace cadenza::data {

using Sequence = std::vector<std::int64_t>;

struct Split {
  std::vector<Sequence> train;
  std::vector<Sequence> validation;
  std::string method;  // "by-document" or "contiguous"
  std::size_t train_tokens() const;
  std::size_t validation_tokens() const;
};

// `fraction` of the tokens (approximately, whole documents) go to validation. Documents are
// chosen by a fixed shuffle so the split does not depend on the training seed.
Split split_corpus(const tokens::Corpus& corpus, const tokens::Vocab& vocab, double fraction = 0.1);

}  // namespace cadenza::data
