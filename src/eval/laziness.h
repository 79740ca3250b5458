#pragma once
// The paper's "laziness" of generated token sequences (PAPER.md section 3: argmax output was
// repetitive), as numbers: how much one token dominates, how long one token repeats, how
// varied the n-grams are, how much is copied verbatim from the training corpus, and how
// spread the pitch classes are. No torch: it works on token strings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "tokens/pitch_names.h"

namespace cadenza::eval {

using Tokens = std::vector<std::string>;

// Share of the sequence taken by its most frequent token (0 for an empty sequence).
double most_frequent_share(const Tokens& tokens);
// Longest stretch of one token repeated back to back (0 for an empty sequence).
std::size_t longest_run(const Tokens& tokens);
// Distinct n-grams / n-grams in the sequence (0 when it is shorter than n).
double distinct_ngram_ratio(const Tokens& tokens, std::size_t n);
// Pitch classes of one token (tokens/pitch_names.h).
using tokens::token_pitch_classes;
// Shannon entropy in bits of the pitch-class histogram (every pitch class of every note and
// chord counts once); 0 for no pitch classes, log2(12) = 3.585 at most.
double pitch_class_entropy(const Tokens& tokens);

// The set of n-grams of a training corpus, stored as 64-bit hashes (documents are separate:
// no n-gram crosses a document boundary).
class NgramIndex {
 public:
  explicit NgramIndex(std::size_t n) : n_(n) {}
  void add(const Tokens& document);
  bool contains(const Tokens& tokens, std::size_t start) const;  // tokens[start, start + n)
  std::size_t n() const { return n_; }
  std::size_t size() const { return hashes_.size(); }

 private:
  std::uint64_t hash(const Tokens& tokens, std::size_t start) const;
  std::size_t n_;
  std::unordered_set<std::uint64_t> hashes_;
};

// Share of the sequence's n-grams (n = index.n()) found in the index; 0 when it has none.
double copied_ngram_share(const Tokens& tokens, const NgramIndex& index);

struct LazinessReport {
  double most_frequent_share = 0;
  double longest_run = 0;  // double so that averages over pieces keep their fraction
  double distinct_ratio[4] = {0, 0, 0, 0};  // n = 1..4
  double copied_8gram_share = 0;            // NaN-free: 0 when no index is given
  double pitch_class_entropy = 0;
};

// All the numbers for one sequence; `training` may be null (copied share stays 0).
LazinessReport laziness(const Tokens& tokens, const NgramIndex* training);
// The mean of each number over several reports (all zero for none).
LazinessReport mean_report(const std::vector<LazinessReport>& reports);

// A fixed-width text table, one row per (label, report), with a header line.
std::string format_laziness_table(const std::vector<std::pair<std::string, LazinessReport>>& rows);

}  // namespace cadenza::eval
