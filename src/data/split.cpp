#include "data/split.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

#include <fstream>

#include "common/limits.h"
#include "common/text_lines.h"

namespace cadenza::data {
namespace {
std::size_t count_tokens(const std::vector<Sequence>& sequences) {
  std::size_t n = 0;
  for (const auto& s : sequences) n += s.size();
  return n;
}
}  // namespace

std::size_t Split::train_tokens() const { return count_tokens(train); }
std::size_t Split::validation_tokens() const { return count_tokens(validation); }

Split split_corpus(const tokens::Corpus& corpus, const tokens::Vocab& vocab, double fraction) {
  if (!(fraction > 0.0 && fraction < 1.0))
    throw std::invalid_argument("validation fraction " + std::to_string(fraction) +
                                " must lie strictly between 0 and 1");
  Split split;
  std::vector<const tokens::Document*> documents;
  for (const auto& doc : corpus.documents)
    if (!doc.tokens.empty()) documents.push_back(&doc);
  if (documents.empty()) throw std::invalid_argument("the corpus has no tokens");

  if (documents.size() == 1) {
    split.method = "contiguous";
    Sequence ids = vocab.encode(documents[0]->tokens);
    auto cut = static_cast<std::size_t>(static_cast<double>(ids.size()) * (1.0 - fraction));
    split.train.emplace_back(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(cut));
    split.validation.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(cut), ids.end());
    return split;
  }

  split.method = "by-document";
  std::vector<std::size_t> order(documents.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(20240901);  // fixed: the same corpus always splits the same way
  for (std::size_t i = order.size() - 1; i > 0; --i)  // Fisher-Yates, portable across libs
    std::swap(order[i], order[rng() % (i + 1)]);
  std::size_t total = corpus.token_count();
  auto wanted = static_cast<std::size_t>(static_cast<double>(total) * fraction);
  std::vector<bool> is_validation(documents.size(), false);
  std::size_t taken = 0;
  for (std::size_t k = 0; k + 1 < order.size() && taken < std::max<std::size_t>(wanted, 1); ++k) {
    is_validation[order[k]] = true;
    taken += documents[order[k]]->tokens.size();
  }
  for (std::size_t i = 0; i < documents.size(); ++i)
    (is_validation[i] ? split.validation : split.train)
        .push_back(vocab.encode(documents[i]->tokens));
  return split;
}

namespace {
bool entry_matches(const std::string& entry, const std::string& name) {
  if (entry == name) return true;
  return entry.size() > name.size() &&
         entry.compare(entry.size() - name.size(), name.size(), name) == 0 &&
         entry[entry.size() - name.size() - 1] == '/';
}
}  // namespace

Split split_corpus_by_list(const tokens::Corpus& corpus, const tokens::Vocab& vocab,
                           const std::filesystem::path& validation_list,
                           const std::vector<std::string>& set_aside) {
  std::ifstream in(validation_list);
  if (!in) throw std::runtime_error(validation_list.string() + ": cannot read the validation list");
  std::vector<std::string> entries;
  std::string raw;
  for (LineRead r; (r = read_line(in, raw, limits::kMaxCorpusLineBytes)) != LineRead::kEnd;) {
    if (r == LineRead::kTooLong)
      throw std::runtime_error(validation_list.string() + ": a line is too long for a file name");
    const auto first = raw.find_first_not_of(" \t\r");
    if (first == std::string::npos || raw[first] == '#') continue;
    entries.push_back(raw.substr(first, raw.find_last_not_of(" \t\r") - first + 1));
  }
  if (entries.empty())
    throw std::runtime_error(validation_list.string() + ": the validation list names no file");
  std::vector<bool> used(entries.size(), false);
  Split split;
  split.method = "validation list " + validation_list.filename().string();
  for (const auto& doc : corpus.documents) {
    if (doc.tokens.empty()) continue;
    bool validation = false;
    for (std::size_t e = 0; e < entries.size(); ++e)
      if (entry_matches(entries[e], doc.name)) validation = used[e] = true;
    (validation ? split.validation : split.train).push_back(vocab.encode(doc.tokens));
  }
  for (std::size_t e = 0; e < entries.size(); ++e)
    for (const std::string& name : set_aside)
      if (entry_matches(entries[e], name)) used[e] = true;
  for (std::size_t e = 0; e < entries.size(); ++e)
    if (!used[e])
      throw std::runtime_error(validation_list.string() + ": '" + entries[e] +
                               "' names no document of the corpus");
  if (split.train.empty())
    throw std::runtime_error(validation_list.string() +
                             ": every document is in the list; none "
                             "is left to train on");
  return split;
}

}  // namespace cadenza::data
