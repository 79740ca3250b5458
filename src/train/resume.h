#pragma once
// Where a training run starts: a fresh model on the corpus' vocabulary, or (--resume) the
// model, vocabulary, settings and progress of the checkpoint it continues (no torch here).
#include "model/checkpoint_file.h"
#include "model/config.h"
#include "tokens/corpus.h"
#include "tokens/tokenizer.h"
#include "tokens/vocab.h"
#include "train/trainer.h"
#include "train/training_state.h"

namespace cadenza::train {

struct StartingPoint {
  model::ModelConfig config;  // validated; vocab_size set
  tokens::Vocab vocab;
  TrainingState state;                   // where the epochs continue (epoch 0 for a fresh run)
  model::CheckpointSections checkpoint;  // --resume: the sections of options.output
};

// With --resume, `options` takes the checkpoint's training settings (a warning on stderr names
// the requested ones it ignores, and another corpus). Throws naming the checkpoint or corpus
// when they do not go together (another kind of model, other tokens, a bad training section),
// or when the model kind cannot read the corpus' tokens.
StartingPoint find_starting_point(const TrainOptions& requested, TrainOptions& options,
                                  const tokens::Corpus& corpus, const tokens::Tokenizer& tokenizer);

}  // namespace cadenza::train
