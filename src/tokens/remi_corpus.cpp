#include "tokens/remi_corpus.h"

#include <algorithm>

#include "tokens/miditok_vocab.h"

namespace cadenza::tokens {

bool is_remi_corpus(const Corpus& corpus) {
  for (const Document& doc : corpus.documents)
    if (!doc.tokens.empty()) return doc.tokens.front() == "Bar_None";
  return false;
}

Vocab remi_vocab() {
  const miditok::MidiTokVocab vocab(miditok::Scheme::Remi);
  std::vector<std::string> texts;
  for (std::size_t id = 0; id < vocab.size(); ++id)
    texts.push_back(vocab.text(static_cast<int>(id)));
  return Vocab(std::move(texts));
}

std::vector<std::string> remove_documents_outside(Corpus& corpus, const Vocab& vocab) {
  std::vector<std::string> removed;
  auto outside = [&](const Document& doc) {
    for (const std::string& token : doc.tokens)
      if (!vocab.find(token)) {
        removed.push_back(doc.name);
        return true;
      }
    return false;
  };
  corpus.documents.erase(std::remove_if(corpus.documents.begin(), corpus.documents.end(), outside),
                         corpus.documents.end());
  return removed;
}

}  // namespace cadenza::tokens
