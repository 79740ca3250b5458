#pragma once
// A trained model's mean cross-entropy per token on a token corpus (`cadenza evaluate MODEL
// --corpus C --json`): the windows validation uses in training (bar-aligned, not overlapping,
// a genre model's windows opened by their genre token), so that on the training's validation
// list it gives the training's validation CE; per genre for a genre model. No torch here.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace cadenza::train {

struct CorpusCeOptions {
  std::filesystem::path model, corpus;
  std::filesystem::path validation_list;  // only these documents; empty: all of them
  std::string device = "cpu";
  std::int64_t batch_size = 8;
  std::int64_t max_windows = 0;  // evenly spaced subset; 0 = all
};

struct CeSums {
  std::size_t windows = 0;
  double predictions = 0, nats = 0, correct = 0;
  double cross_entropy() const { return predictions > 0 ? nats / predictions : 0; }
  double accuracy() const { return predictions > 0 ? correct / predictions : 0; }
};

struct CorpusCe {
  std::string model, corpus, selection;  // selection: "all documents" or "validation list L"
  std::size_t documents = 0;             // read (with tokens the model knows)
  std::size_t too_short = 0;             // documents shorter than one window
  std::vector<std::string> set_aside;    // documents with tokens outside the vocabulary
  std::int64_t window = 0;
  CeSums all;
  std::map<std::string, CeSums> genres;  // a genre model's genres
};

// Throws std::runtime_error naming the file for a corpus the model cannot read (another token
// kind, no window long enough, a list naming no document).
CorpusCe corpus_cross_entropy(const CorpusCeOptions& options);

std::string format_corpus_ce(const CorpusCe& ce);
std::string corpus_ce_json(const CorpusCe& ce);

}  // namespace cadenza::train
