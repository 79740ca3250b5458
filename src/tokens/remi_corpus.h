#pragma once
// A token corpus of REMI+ tokens (what `cadenza tokenize --format remi` writes) as training
// sees it: recognised by its first token, read with MidiTok's vocabulary (so ids equal
// MidiTok's), documents with tokens outside it (cadenza's documented extensions) set aside.
//
// Genre on demand (docs/genre.md): `tokenize --genre jazz` starts every document with the token
// "Genre_jazz". A corpus with genre tokens has them on every document; the model's vocabulary
// is MidiTok's 407 tokens, then one "Genre_<name>" per genre in name order, and every training
// window starts with its document's genre token (the condition), then tokens from a bar.
#include <optional>
#include <string>
#include <vector>

#include "tokens/corpus.h"
#include "tokens/vocab.h"

namespace cadenza::tokens {

// True when the first non-empty document starts with REMI's "Bar_None" (after its genre token).
bool is_remi_corpus(const Corpus& corpus);

// MidiTok 2.1.8's 407 REMI tokens in its id order, then "Genre_<g>" for each of `genres` in
// the order given.
Vocab remi_vocab(const std::vector<std::string>& genres = {});

// "Genre_" + name. Throws std::invalid_argument unless the name is 1-32 characters of a-z, 0-9,
// '-' (a token is one word, and names are written lower case: jazz, folk, pop).
std::string genre_token(const std::string& genre);
// The genre a token names ("Genre_jazz" -> "jazz"); nullopt for any other token.
std::optional<std::string> genre_of_token(const std::string& token);

// The genres of a corpus, sorted by name; empty when no document has a genre token. Throws
// std::runtime_error naming a document when some documents have one and others do not, or a
// genre token stands anywhere but first.
std::vector<std::string> corpus_genres(const Corpus& corpus);

// The genres a vocabulary's "Genre_" tokens name, in id order.
std::vector<std::string> vocab_genres(const Vocab& vocab);

// Removes the documents holding a token outside `vocab`; returns their names.
std::vector<std::string> remove_documents_outside(Corpus& corpus, const Vocab& vocab);

}  // namespace cadenza::tokens
