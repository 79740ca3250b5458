#include "tokens/miditok_ids.h"

#include <stdexcept>

namespace cadenza::tokens::miditok {

std::uint16_t CorpusIds::id(const Token& token) {
  if (const auto id = vocab_.id(token)) return static_cast<std::uint16_t>(*id);
  std::string token_string = token_text(token, vocab_.config());
  auto found = extension_ids_.find(token_string);
  if (found == extension_ids_.end()) {
    const std::size_t id = vocab_.size() + extension_tokens_.size();
    if (id > 0xFFFF) throw std::runtime_error("more than 65536 distinct tokens");
    found = extension_ids_.emplace(token_string, static_cast<std::uint16_t>(id)).first;
    extension_tokens_.push_back(std::move(token_string));
  }
  return found->second;
}

const std::string& CorpusIds::text(std::uint16_t id) const {
  if (id < vocab_.size()) return vocab_.text(id);
  return extension_tokens_.at(id - vocab_.size());
}

std::uint32_t CorpusIds::size() const {
  return static_cast<std::uint32_t>(vocab_.size() + extension_tokens_.size());
}

}  // namespace cadenza::tokens::miditok
