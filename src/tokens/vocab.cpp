#include "tokens/vocab.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace cadenza::tokens {

Vocab::Vocab(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
  ids_.reserve(tokens_.size());
  for (std::size_t i = 0; i < tokens_.size(); ++i)
    if (!ids_.emplace(tokens_[i], static_cast<std::int64_t>(i)).second)
      throw std::invalid_argument("vocabulary: token '" + tokens_[i] + "' appears twice (id " +
                                  std::to_string(i) + ")");
}

Vocab Vocab::from_corpus(const Corpus& corpus) {
  std::set<std::string> distinct;
  for (const auto& doc : corpus.documents) distinct.insert(doc.tokens.begin(), doc.tokens.end());
  return Vocab(std::vector<std::string>(distinct.begin(), distinct.end()));
}

std::optional<std::int64_t> Vocab::find(const std::string& token) const {
  auto it = ids_.find(token);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::int64_t Vocab::id(const std::string& token) const {
  auto found = find(token);
  if (!found)
    throw std::out_of_range("token '" + token + "' is not in the vocabulary (" +
                            std::to_string(size()) + " tokens)");
  return *found;
}

const std::string& Vocab::token(std::int64_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size())
    throw std::out_of_range("token id " + std::to_string(id) + " outside the vocabulary [0, " +
                            std::to_string(size()) + ")");
  return tokens_[static_cast<std::size_t>(id)];
}

std::vector<std::int64_t> Vocab::encode(const std::vector<std::string>& tokens) const {
  std::vector<std::int64_t> ids;
  ids.reserve(tokens.size());
  for (const auto& t : tokens) ids.push_back(id(t));
  return ids;
}

std::vector<std::string> Vocab::decode(const std::vector<std::int64_t>& ids) const {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (auto i : ids) out.push_back(token(i));
  return out;
}

}  // namespace cadenza::tokens
