#pragma once
// The floor a token language model must beat: bigram and unigram models of a token corpus,
// their mean cross-entropy in nats per token on the validation documents. Counts come from the
// training documents; additive (Lidstone) smoothing over the corpus's vocabulary,
//   P(b | a) = (count(a b) + k) / (count(a) + k |V|),   P(b) = (count(b) + k) / (N + k |V|),
// with k chosen on a slice of the training documents (every 10th, held out from the counts
// while choosing) among 1e-5, 3e-5, 1e-4, ..., 30, 100. Every token but a document's first is
// predicted from the one before it, as a language model predicts tokens 2..n of a window.
#include <cstddef>
#include <string>
#include <vector>

#include "tokens/corpus.h"

namespace cadenza::eval {

struct NgramFit {
  double k = 0;                     // the smoothing chosen
  double cross_entropy = 0;         // nats per predicted validation token
  double tuning_cross_entropy = 0;  // on the tuning slice, with the chosen k
};

struct NgramBaseline {
  std::size_t vocabulary = 0;  // distinct tokens of the whole corpus
  std::size_t train_documents = 0, validation_documents = 0, tuning_documents = 0;
  std::size_t train_tokens = 0, validation_predictions = 0;
  NgramFit bigram, unigram;
};

// `validation[i]` puts document i on the validation side. Throws std::invalid_argument when
// either side has no token to predict, or fewer than two training documents remain to tune k.
NgramBaseline ngram_baseline(const tokens::Corpus& corpus, const std::vector<bool>& validation);

std::string format_ngram_baseline(const NgramBaseline& baseline);
std::string ngram_baseline_json(const NgramBaseline& baseline, const std::string& corpus,
                                const std::string& validation_list);

}  // namespace cadenza::eval
