#pragma once
// Fitting a user's tokens (from --prime file.mid) into a model's vocabulary. A token the
// vocabulary lacks is mapped, not refused:
//  - a note goes to the in-vocabulary note nearest in pitch (ties: the lower one);
//  - a chord goes to the in-vocabulary chord sharing the most of its pitch classes (highest
//    Jaccard overlap; ties: more shared classes, then the lower id), or, when no chord shares
//    any, to the note nearest its first pitch class in octave 4;
//  - a note with no notes in the vocabulary goes to the chord that contains its pitch class.
// Anything that cannot be mapped (no candidate at all) is an error naming the token.
#include <cstdint>
#include <string>
#include <vector>

#include "tokens/vocab.h"

namespace cadenza::generate {

struct MappedPrime {
  std::vector<std::int64_t> ids;
  std::size_t mapped = 0;  // tokens that were not in the vocabulary
  std::vector<std::pair<std::string, std::string>> examples;  // up to 5 (from, to) pairs
};

// Throws std::invalid_argument naming `source`, the position and the token when a token
// cannot be mapped, and when `tokens` is empty.
MappedPrime map_to_vocab(const std::vector<std::string>& tokens, const tokens::Vocab& vocab,
                         const std::string& source);

}  // namespace cadenza::generate
