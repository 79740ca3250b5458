#pragma once
// A token corpus of REMI+ tokens (what `cadenza tokenize --format remi` writes) as training
// sees it: recognised by its first token, read with MidiTok's vocabulary (so ids equal
// MidiTok's), documents with tokens outside it (cadenza's documented extensions) set aside.
#include <string>
#include <vector>

#include "tokens/corpus.h"
#include "tokens/vocab.h"

namespace cadenza::tokens {

// True when the first non-empty document starts with REMI's "Bar_None".
bool is_remi_corpus(const Corpus& corpus);

// MidiTok 2.1.8's 407 REMI tokens in its id order.
Vocab remi_vocab();

// Removes the documents holding a token outside `vocab`; returns their names.
std::vector<std::string> remove_documents_outside(Corpus& corpus, const Vocab& vocab);

}  // namespace cadenza::tokens
