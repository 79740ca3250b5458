#include "tokens/remi_corpus.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "tokens/miditok_vocab.h"

namespace cadenza::tokens {
namespace {
constexpr const char* kGenrePrefix = "Genre_";
constexpr std::size_t kGenrePrefixSize = 6;
}  // namespace

bool is_remi_corpus(const Corpus& corpus) {
  for (const Document& doc : corpus.documents) {
    if (doc.tokens.empty()) continue;
    const std::size_t first = genre_of_token(doc.tokens.front()) ? 1 : 0;
    return doc.tokens.size() > first && doc.tokens[first] == "Bar_None";
  }
  return false;
}

Vocab remi_vocab(const std::vector<std::string>& genres) {
  const miditok::MidiTokVocab vocab(miditok::Scheme::Remi);
  std::vector<std::string> texts;
  for (std::size_t id = 0; id < vocab.size(); ++id)
    texts.push_back(vocab.text(static_cast<int>(id)));
  for (const std::string& genre : genres) texts.push_back(genre_token(genre));
  return Vocab(std::move(texts));
}

std::string genre_token(const std::string& genre) {
  const bool valid =
      !genre.empty() && genre.size() <= 32 && std::all_of(genre.begin(), genre.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      });
  if (!valid)
    throw std::invalid_argument("genre '" + genre +
                                "': a genre name is 1-32 characters of a-z, 0-9 and '-'");
  return kGenrePrefix + genre;
}

std::optional<std::string> genre_of_token(const std::string& token) {
  if (token.size() <= kGenrePrefixSize || token.compare(0, kGenrePrefixSize, kGenrePrefix) != 0)
    return std::nullopt;
  return token.substr(kGenrePrefixSize);
}

std::vector<std::string> corpus_genres(const Corpus& corpus) {
  std::set<std::string> genres;
  const Document* with = nullptr;
  const Document* without = nullptr;
  for (const Document& doc : corpus.documents) {
    if (doc.tokens.empty()) continue;
    auto genre = genre_of_token(doc.tokens.front());
    if (genre) {
      genre_token(*genre);  // a valid name
      genres.insert(*genre);
      with = &doc;
    } else {
      without = &doc;
    }
    for (std::size_t i = 1; i < doc.tokens.size(); ++i)
      if (genre_of_token(doc.tokens[i]))
        throw std::runtime_error("document " + doc.name + ": its genre token " + doc.tokens[i] +
                                 " is not its first token");
  }
  if (with && without)
    throw std::runtime_error("document " + without->name + " has no genre token but " + with->name +
                             " has one (" + with->tokens.front() +
                             "): tokenize every collection with --genre, or none");
  return {genres.begin(), genres.end()};
}

std::vector<std::string> vocab_genres(const Vocab& vocab) {
  std::vector<std::string> genres;
  for (std::size_t id = 0; id < vocab.size(); ++id)
    if (auto genre = genre_of_token(vocab.token(static_cast<std::int64_t>(id))))
      genres.push_back(*genre);
  return genres;
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
