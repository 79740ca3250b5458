#include "eval/ngram_baseline.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <unordered_map>

namespace cadenza::eval {
namespace {

using Ids = std::vector<std::uint32_t>;

struct Counts {
  std::vector<double> unigram;  // count(b) over predicted tokens
  std::vector<double> context;  // count(a) as the token before another
  std::unordered_map<std::uint64_t, double> bigram;
  double predicted = 0;

  explicit Counts(std::size_t vocabulary) : unigram(vocabulary, 0), context(vocabulary, 0) {}

  void add(const Ids& document) {
    for (std::size_t i = 1; i < document.size(); ++i) {
      unigram[document[i]] += 1;
      context[document[i - 1]] += 1;
      bigram[key(document[i - 1], document[i])] += 1;
      predicted += 1;
    }
  }
  static std::uint64_t key(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(a) << 32) | b;
  }
};

// Mean negative log-likelihood per predicted token of `documents`.
double bigram_ce(const Counts& c, const std::vector<const Ids*>& documents, double k) {
  const double v = static_cast<double>(c.unigram.size());
  double nll = 0, n = 0;
  for (const Ids* d : documents)
    for (std::size_t i = 1; i < d->size(); ++i) {
      const auto it = c.bigram.find(Counts::key((*d)[i - 1], (*d)[i]));
      const double pair = it == c.bigram.end() ? 0 : it->second;
      nll -= std::log((pair + k) / (c.context[(*d)[i - 1]] + k * v));
      n += 1;
    }
  return n > 0 ? nll / n : std::numeric_limits<double>::quiet_NaN();
}

double unigram_ce(const Counts& c, const std::vector<const Ids*>& documents, double k) {
  const double v = static_cast<double>(c.unigram.size());
  double nll = 0, n = 0;
  for (const Ids* d : documents)
    for (std::size_t i = 1; i < d->size(); ++i) {
      nll -= std::log((c.unigram[(*d)[i]] + k) / (c.predicted + k * v));
      n += 1;
    }
  return n > 0 ? nll / n : std::numeric_limits<double>::quiet_NaN();
}

constexpr double kGrid[] = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03,
                            0.1,  0.3,  1,    3,    10,   30,   100};

template <typename Ce>
NgramFit fit(const Counts& tuning_counts, const Counts& all_counts,
             const std::vector<const Ids*>& tuning, const std::vector<const Ids*>& validation,
             Ce ce) {
  NgramFit best;
  best.tuning_cross_entropy = std::numeric_limits<double>::infinity();
  for (double k : kGrid) {
    const double tuned = ce(tuning_counts, tuning, k);
    if (tuned < best.tuning_cross_entropy) best.tuning_cross_entropy = tuned, best.k = k;
  }
  best.cross_entropy = ce(all_counts, validation, best.k);
  return best;
}

}  // namespace

NgramBaseline ngram_baseline(const tokens::Corpus& corpus, const std::vector<bool>& validation) {
  if (validation.size() != corpus.documents.size())
    throw std::invalid_argument("ngram baseline: one validation mark per document expected");
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<Ids> documents;
  for (const tokens::Document& document : corpus.documents) {
    Ids d;
    for (const std::string& token : document.tokens)
      d.push_back(ids.emplace(token, static_cast<std::uint32_t>(ids.size())).first->second);
    documents.push_back(std::move(d));
  }
  NgramBaseline b;
  b.vocabulary = ids.size();
  std::vector<const Ids*> train, valid, tuning, rest;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (validation[i]) {
      valid.push_back(&documents[i]);
      ++b.validation_documents;
      b.validation_predictions += documents[i].empty() ? 0 : documents[i].size() - 1;
    } else {
      // Every 10th training document tunes k (the first, 11th, ...).
      (train.size() % 10 == 0 ? tuning : rest).push_back(&documents[i]);
      train.push_back(&documents[i]);
      b.train_tokens += documents[i].size();
    }
  }
  b.train_documents = train.size();
  b.tuning_documents = tuning.size();
  if (b.validation_predictions == 0)
    throw std::invalid_argument(
        "ngram baseline: the validation documents have no token to predict");
  if (rest.empty() || tuning.empty())
    throw std::invalid_argument(
        "ngram baseline: at least two training documents are needed (one to tune k)");
  Counts tuning_counts(b.vocabulary), all_counts(b.vocabulary);
  for (const Ids* d : rest) tuning_counts.add(*d);
  for (const Ids* d : train) all_counts.add(*d);
  b.bigram = fit(tuning_counts, all_counts, tuning, valid, bigram_ce);
  b.unigram = fit(tuning_counts, all_counts, tuning, valid, unigram_ce);
  return b;
}

std::string format_ngram_baseline(const NgramBaseline& b) {
  char text[640];
  std::snprintf(text, sizeof text,
                "training: %zu documents, %zu tokens (k chosen on %zu of them); validation: %zu "
                "documents, %zu predicted tokens; vocabulary %zu\n"
                "bigram   cross-entropy %.4f nats/token (k = %g)\n"
                "unigram  cross-entropy %.4f nats/token (k = %g)\n",
                b.train_documents, b.train_tokens, b.tuning_documents, b.validation_documents,
                b.validation_predictions, b.vocabulary, b.bigram.cross_entropy, b.bigram.k,
                b.unigram.cross_entropy, b.unigram.k);
  return text;
}

std::string ngram_baseline_json(const NgramBaseline& b, const std::string& corpus,
                                const std::string& validation_list) {
  const auto fit_json = [](const NgramFit& f) {
    return nlohmann::json{{"cross_entropy", f.cross_entropy},
                          {"k", f.k},
                          {"tuning_cross_entropy", f.tuning_cross_entropy}};
  };
  const nlohmann::json j = {{"corpus", corpus},
                            {"validation_list", validation_list},
                            {"unit", "nats per predicted token"},
                            {"vocabulary", b.vocabulary},
                            {"train_documents", b.train_documents},
                            {"train_tokens", b.train_tokens},
                            {"tuning_documents", b.tuning_documents},
                            {"validation_documents", b.validation_documents},
                            {"validation_predictions", b.validation_predictions},
                            {"bigram", fit_json(b.bigram)},
                            {"unigram", fit_json(b.unigram)}};
  return j.dump(2) + "\n";
}

}  // namespace cadenza::eval
