#pragma once
// A token corpus that keeps file boundaries, so that later steps can split train/validation by
// file. Two on-disk formats:
//  - cadenza corpus (written by `cadenza tokenize`): first line "#cadenza-corpus 1", then per
//    document a line "@doc <name>" followed by its tokens, one per line.
//  - the paper's format (like shared/data/tokens/jazz.txt): one token per line and no
//    boundaries; it reads as a single document named after the file.
// read_corpus() tells them apart by the first line.
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::tokens {

struct Document {
  std::string name;  // usually the source file's path relative to the tokenized folder
  std::vector<std::string> tokens;
};

struct Corpus {
  std::vector<Document> documents;
  std::size_t token_count() const;
};

// Throws std::runtime_error "<file>:<line>: <what>" for anything that is not a corpus: lines
// over limits::kMaxCorpusLineBytes (a binary or sparse file fails after 4 KB, not after
// reading it whole), control characters (NUL, ESC, ...), '@'/'#' lines that are no header.
Corpus read_corpus(const std::filesystem::path& path);
// Both writers are atomic: a failed write leaves any existing file untouched.
void write_corpus(const Corpus& corpus, const std::filesystem::path& path);
void write_paper_format(const Corpus& corpus, const std::filesystem::path& path);

}  // namespace cadenza::tokens
