#pragma once
// Writing REMI+ token sequences under REMI's grammar (tokens/remi_grammar.h), so every piece
// decodes with no skipped token. Three jobs:
//  - a new piece of `bars` bars, or the continuation of a prime by `bars` bars: each step the
//    model's logits are masked to what may come next (and to the asked instruments, time
//    signature and tempo) and one token is drawn; every asked instrument plays (see
//    max_rest_bars);
//  - a new part for a given piece (`add_program`): the piece's tokens are kept, in order, and
//    wherever a note may begin the model chooses between the piece's next token and a note of
//    the new instrument (at the same onset or at a new one before the piece's next onset), so
//    the given notes come out unchanged and the new part is written in their time.
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "generate/sampling.h"
#include "generate/token_predictor.h"
#include "tokens/vocab.h"

namespace cadenza::generate {

struct ArrangeRequest {
  std::int64_t bars = 16;  // new bars (ignored when adding a part: the piece's length)
  // A new piece goes on past `bars`, whole bars at a time (at most 4x `bars`), until it lasts
  // this long at its own tempo and metre: 32 bars of POP909's 1/4 are ~20 s, and a judge that
  // listens to 30 s must hear as much of a generated piece as of a real one. 0: exactly `bars`.
  double min_seconds = 0;
  std::set<int> programs;  // programs that may play (-1 drums); empty = any
  // Each of `programs` plays in the new bars: one that has rested this many whole bars, or has
  // not played yet in the last bar, is due: the bar may not close and the next note must be a
  // due instrument's (the model still chooses its onset, pitch, velocity and duration).
  // Negative: no such steering (instruments play only when the model chooses them).
  int max_rest_bars = 3;
  std::optional<int> tempo;  // index into MidiTok's tempo table: written once, never changed
  std::optional<std::pair<int, int>> time_signature;
  std::vector<std::int64_t> prime;  // REMI ids to continue, or the piece to add a part to
  std::optional<int> add_program;   // the program of the part to add to `prime`
  SamplingOptions sampling;
};

struct Arrangement {
  std::vector<std::int64_t> ids;  // the whole piece: the prime, then what was written
  std::size_t generated = 0;      // tokens drawn from the model
};

// Throws std::invalid_argument for a request the vocabulary cannot express (a time signature or
// program it lacks, an empty prime for add_program, a program the piece already has).
Arrangement arrange(TokenPredictor& predictor, const tokens::Vocab& vocab,
                    const ArrangeRequest& request, Sampler& sampler);

}  // namespace cadenza::generate
