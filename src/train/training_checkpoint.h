#pragma once
// The checkpoints a training run writes after each epoch, and what --resume and --init-from
// read back into a network, its optimizer and the random generators.
#include <torch/torch.h>

#include <filesystem>
#include <random>

#include "model/checkpoint_file.h"
#include "model/config.h"
#include "model/vae_model.h"
#include "tokens/vocab.h"
#include "train/training_state.h"

namespace cadenza::train {

// Written atomically. `for_resume` adds the optimizer state and torch's CPU generator; without
// them (the best checkpoint, for generation) the file is a third of the size.
void write_training_checkpoint(const std::filesystem::path& path, const model::ModelConfig& config,
                               const tokens::Vocab& vocab, model::VaeModelImpl& net,
                               torch::optim::Optimizer& optimizer, const TrainOptions& options,
                               const TrainingState& state, bool for_resume);

// --resume: the weights, optimizer state and torch generator of `checkpoint` (read from
// `path`), and the data order's generator from `data_rng_text`. Throws std::runtime_error
// naming `path` when the weights or optimizer state do not fit.
void restore_training_state(const model::CheckpointSections& checkpoint,
                            const std::filesystem::path& path, const torch::Device& device,
                            model::VaeModelImpl& net, torch::optim::Optimizer& optimizer,
                            const std::string& data_rng_text, std::mt19937_64& data_rng);

// --init-from: the weights of a trained model of the same architecture whose vocabulary starts
// `vocab` (e.g. the jazz model for a genre model: MidiTok's tokens, then genre tokens). Rows of
// the token embedding past the old vocabulary keep their fresh initialisation.
void initialise_from_checkpoint(model::VaeModelImpl& net, const std::filesystem::path& path,
                                const tokens::Vocab& vocab);

}  // namespace cadenza::train
