#include "train/training_data.h"

#include <cstdio>
#include <stdexcept>

#include "tokens/remi_corpus.h"

namespace cadenza::train {

TrainingCorpus read_training_corpus(const std::filesystem::path& path) {
  TrainingCorpus out;
  out.corpus = tokens::read_corpus(path);
  if (out.corpus.token_count() == 0)
    throw std::runtime_error(path.string() + ": the corpus has no tokens");
  out.tokenizer = tokens::corpus_tokenizer(out.corpus);
  out.remi = out.tokenizer->name() == "remi";
  if (out.remi) {
    try {
      out.genres = tokens::corpus_genres(out.corpus);
    } catch (const std::exception& e) {
      throw std::runtime_error(path.string() + ": " + e.what());
    }
  }
  return out;
}

bool is_genre_model(const TrainingCorpus& corpus, const tokens::Vocab& vocab,
                    const std::filesystem::path& path) {
  const bool genre_model = corpus.remi && !tokens::vocab_genres(vocab).empty();
  if (corpus.remi && genre_model == corpus.genres.empty())
    throw std::runtime_error(path.string() +
                             (genre_model ? ": the checkpoint is a genre model, the corpus has no "
                                            "genre tokens (tokenize with --genre)"
                                          : ": the corpus has genre tokens, the checkpoint's "
                                            "vocabulary has none"));
  return genre_model;
}

data::Split split_training_corpus(TrainingCorpus& corpus, const tokens::Vocab& vocab,
                                  const TrainOptions& options) {
  std::vector<std::string> removed;
  if (corpus.remi) {
    // cadenza's extensions (a time signature MidiTok lacks, ...) are no ids of the model.
    removed = tokens::remove_documents_outside(corpus.corpus, vocab);
    if (!removed.empty() && options.verbose)
      std::fprintf(stderr,
                   "cadenza train: %zu documents hold tokens outside MidiTok's REMI vocabulary "
                   "and are left out (first: %s)\n",
                   removed.size(), removed.front().c_str());
  }
  try {
    return options.validation_list.empty()
               ? data::split_corpus(corpus.corpus, vocab, options.validation_fraction)
               : data::split_corpus_by_list(corpus.corpus, vocab, options.validation_list, removed);
  } catch (const std::out_of_range& e) {
    throw std::runtime_error(options.corpus.string() + ": " + e.what() +
                             " (the checkpoint's vocabulary does not cover this corpus)");
  }
}

}  // namespace cadenza::train
