#pragma once
// The vocabulary: a bijection between token strings and dense ids 0..size()-1. Built from a
// corpus in sorted (byte-wise) order, so the same corpus always gives the same ids; saved
// inside model checkpoints so generation decodes ids exactly as training encoded them.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tokens/corpus.h"

namespace cadenza::tokens {

class Vocab {
 public:
  Vocab() = default;
  // Tokens must be unique; their order becomes the ids.
  explicit Vocab(std::vector<std::string> tokens);
  // Every distinct token of the corpus, sorted.
  static Vocab from_corpus(const Corpus& corpus);

  std::size_t size() const { return tokens_.size(); }
  bool empty() const { return tokens_.empty(); }
  const std::vector<std::string>& tokens() const { return tokens_; }

  std::optional<std::int64_t> find(const std::string& token) const;
  // Throws std::out_of_range naming the token when it is not in the vocabulary.
  std::int64_t id(const std::string& token) const;
  const std::string& token(std::int64_t id) const;  // throws std::out_of_range

  std::vector<std::int64_t> encode(const std::vector<std::string>& tokens) const;
  std::vector<std::string> decode(const std::vector<std::int64_t>& ids) const;

  bool operator==(const Vocab& other) const { return tokens_ == other.tokens_; }

 private:
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, std::int64_t> ids_;
};

}  // namespace cadenza::tokens
