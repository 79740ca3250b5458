#pragma once
// The token corpus a run trains on: read, checked against the model's vocabulary, and split
// into the documents that train and those that validate (no torch here).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/split.h"
#include "tokens/corpus.h"
#include "tokens/tokenizer.h"
#include "tokens/vocab.h"
#include "train/trainer.h"

namespace cadenza::train {

struct TrainingCorpus {
  tokens::Corpus corpus;
  std::unique_ptr<tokens::Tokenizer> tokenizer;  // whose tokens the corpus holds
  bool remi = false;
  std::vector<std::string> genres;  // REMI: of the corpus' genre tokens
};

// Throws std::runtime_error naming the file for an empty or unreadable corpus.
TrainingCorpus read_training_corpus(const std::filesystem::path& path);

// A REMI model whose vocabulary has genre tokens is a genre model: its windows open with their
// document's genre token (tokens/remi_corpus.h). Throws when the corpus has genre tokens and
// the vocabulary none, or the other way round.
bool is_genre_model(const TrainingCorpus& corpus, const tokens::Vocab& vocab,
                    const std::filesystem::path& path);

// The training and validation documents (options.validation_list, else a fixed
// options.validation_fraction). REMI documents with tokens outside `vocab` (cadenza's
// extensions MidiTok lacks) are left out first, said on stderr when options.verbose. Throws
// naming the corpus when `vocab` does not cover it.
data::Split split_training_corpus(TrainingCorpus& corpus, const tokens::Vocab& vocab,
                                  const TrainOptions& options);

}  // namespace cadenza::train
