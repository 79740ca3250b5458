#pragma once
// Train/validation split of a token corpus, as id sequences. With file boundaries (several
// documents) whole documents go to validation, so no piece leaks into both sides; a corpus
// that is one long stream (the paper's jazz.txt) is cut contiguously: the last fraction
// validates.
#include <cstdint>
#include <filesystem>
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

// The documents named in a validation list file validate, the rest train: one entry per line,
// "#" comments and blank lines ignored; an entry "collection/file.mid" matches a document named
// "collection/file.mid" or "file.mid" (`cadenza tokenize` names documents relative to the
// folder it was given). Throws std::runtime_error naming the list when an entry matches no
// document (nor one of `set_aside`: documents left out of the corpus before, e.g. for tokens
// outside the vocabulary) or no document is left to train on.
Split split_corpus_by_list(const tokens::Corpus& corpus, const tokens::Vocab& vocab,
                           const std::filesystem::path& validation_list,
                           const std::vector<std::string>& set_aside = {});

}  // namespace cadenza::data
