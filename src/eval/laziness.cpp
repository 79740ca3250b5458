#include "eval/laziness.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "tokens/pitch_names.h"

namespace cadenza::eval {

double most_frequent_share(const Tokens& tokens) {
  if (tokens.empty()) return 0;
  std::map<std::string, std::size_t> counts;
  std::size_t best = 0;
  for (const auto& t : tokens) best = std::max(best, ++counts[t]);
  return static_cast<double>(best) / static_cast<double>(tokens.size());
}

std::size_t longest_run(const Tokens& tokens) {
  std::size_t best = 0, run = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    run = (i > 0 && tokens[i] == tokens[i - 1]) ? run + 1 : 1;
    best = std::max(best, run);
  }
  return best;
}

double distinct_ngram_ratio(const Tokens& tokens, std::size_t n) {
  if (n == 0 || tokens.size() < n) return 0;
  std::set<std::vector<std::string>> seen;
  const std::size_t count = tokens.size() - n + 1;
  for (std::size_t i = 0; i < count; ++i) seen.emplace(tokens.begin() + i, tokens.begin() + i + n);
  return static_cast<double>(seen.size()) / static_cast<double>(count);
}

double pitch_class_entropy(const Tokens& tokens) {
  std::array<double, 12> histogram{};
  double total = 0;
  for (const auto& t : tokens)
    for (int pc : token_pitch_classes(t)) {
      histogram[pc] += 1;
      total += 1;
    }
  double entropy = 0;
  for (double count : histogram)
    if (count > 0) entropy -= count / total * std::log2(count / total);
  return entropy;
}

std::uint64_t NgramIndex::hash(const Tokens& tokens, std::size_t start) const {
  // FNV-1a over the n tokens with a separator byte: collisions are ~1e-19 per pair.
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = start; i < start + n_; ++i) {
    for (unsigned char c : tokens[i]) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1f) * 1099511628211ull;
  }
  return h;
}

void NgramIndex::add(const Tokens& document) {
  if (n_ == 0 || document.size() < n_) return;
  for (std::size_t i = 0; i + n_ <= document.size(); ++i) hashes_.insert(hash(document, i));
}

bool NgramIndex::contains(const Tokens& tokens, std::size_t start) const {
  return start + n_ <= tokens.size() && hashes_.count(hash(tokens, start)) > 0;
}

double copied_ngram_share(const Tokens& tokens, const NgramIndex& index) {
  const std::size_t n = index.n();
  if (n == 0 || tokens.size() < n) return 0;
  const std::size_t count = tokens.size() - n + 1;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < count; ++i) copied += index.contains(tokens, i) ? 1 : 0;
  return static_cast<double>(copied) / static_cast<double>(count);
}

LazinessReport laziness(const Tokens& tokens, const NgramIndex* training) {
  LazinessReport r;
  r.most_frequent_share = most_frequent_share(tokens);
  r.longest_run = static_cast<double>(longest_run(tokens));
  for (std::size_t n = 1; n <= 4; ++n) r.distinct_ratio[n - 1] = distinct_ngram_ratio(tokens, n);
  if (training) r.copied_8gram_share = copied_ngram_share(tokens, *training);
  r.pitch_class_entropy = pitch_class_entropy(tokens);
  return r;
}

LazinessReport mean_report(const std::vector<LazinessReport>& reports) {
  LazinessReport mean;
  if (reports.empty()) return mean;
  for (const auto& r : reports) {
    mean.most_frequent_share += r.most_frequent_share;
    mean.longest_run += r.longest_run;
    for (int i = 0; i < 4; ++i) mean.distinct_ratio[i] += r.distinct_ratio[i];
    mean.copied_8gram_share += r.copied_8gram_share;
    mean.pitch_class_entropy += r.pitch_class_entropy;
  }
  const double n = static_cast<double>(reports.size());
  mean.most_frequent_share /= n;
  mean.longest_run /= n;
  for (double& d : mean.distinct_ratio) d /= n;
  mean.copied_8gram_share /= n;
  mean.pitch_class_entropy /= n;
  return mean;
}

std::string format_laziness_table(const std::vector<std::pair<std::string, LazinessReport>>& rows) {
  std::size_t width = 6;
  for (const auto& [label, report] : rows) width = std::max(width, label.size());
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-*s %8s %8s %7s %7s %7s %7s %9s %8s\n",
                static_cast<int>(width), "pieces", "top-tok", "max-run", "dist-1", "dist-2",
                "dist-3", "dist-4", "copied-8", "pc-bits");
  out += line;
  for (const auto& [label, r] : rows) {
    std::snprintf(line, sizeof line, "%-*s %8.3f %8.2f %7.3f %7.3f %7.3f %7.3f %9.3f %8.3f\n",
                  static_cast<int>(width), label.c_str(), r.most_frequent_share, r.longest_run,
                  r.distinct_ratio[0], r.distinct_ratio[1], r.distinct_ratio[2],
                  r.distinct_ratio[3], r.copied_8gram_share, r.pitch_class_entropy);
    out += line;
  }
  return out;
}

}  // namespace cadenza::eval
