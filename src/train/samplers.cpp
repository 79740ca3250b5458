#include "train/samplers.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "data/remi_transpose.h"
#include "data/transpose.h"
#include "tokens/remi_corpus.h"

namespace cadenza::train {
namespace {

// REMI windows start at a Bar token, so every example begins where music can begin.
std::vector<std::vector<std::size_t>> bar_anchors(const std::vector<data::Sequence>& sequences,
                                                  const tokens::Vocab& vocab, bool remi) {
  std::vector<std::vector<std::size_t>> anchors;
  if (!remi) return anchors;
  const std::int64_t bar = vocab.id("Bar_None");
  for (const auto& sequence : sequences) {
    anchors.emplace_back();
    for (std::size_t i = 0; i < sequence.size(); ++i)
      if (sequence[i] == bar) anchors.back().push_back(i);
  }
  return anchors;
}

}  // namespace

Samplers make_samplers(const data::Split& split, const tokens::Vocab& vocab,
                       const model::ModelConfig& config, const WindowSetting& setting,
                       const TrainOptions& options) {
  const std::int64_t per_example = setting.predictions_per_example;
  const auto length = static_cast<std::size_t>(config.example_length());
  const std::size_t stride = options.stride > 0 ? static_cast<std::size_t>(options.stride)
                             : per_example == 1 ? 1
                                                : static_cast<std::size_t>(config.window);
  // Validation windows never overlap... except for the paper LSTM, which predicts one token
  // per window: there, every tenth window keeps validation affordable.
  const std::size_t validation_stride =
      per_example == 1 ? std::max<std::size_t>(1, static_cast<std::size_t>(config.window) / 10)
                       : static_cast<std::size_t>(config.window);
  // A genre model's windows open with their document's genre token (tokens/remi_corpus.h).
  const std::size_t prefix = setting.genre_model ? 1 : 0;
  const auto make_sampler = [&](const std::vector<data::Sequence>& sequences, std::size_t step_size,
                                const char* part, std::size_t tokens) {
    try {
      return data::WindowSampler(sequences, length, step_size,
                                 bar_anchors(sequences, vocab, setting.remi), prefix);
    } catch (const std::invalid_argument&) {
      throw std::runtime_error(
          options.corpus.string() + ": the " + part + " split has " + std::to_string(tokens) +
          " tokens in its longest piece, shorter than one example of " + std::to_string(length) +
          " tokens (window " + std::to_string(config.window) +
          " + 1); use a longer corpus or a smaller --window");
    }
  };
  // A genre model's epochs weigh every genre the same (jazz has 8x folk's tokens).
  std::vector<std::size_t> genre_of_train;
  if (setting.genre_model) {
    const std::int64_t first_genre =
        vocab.id(tokens::genre_token(tokens::vocab_genres(vocab).front()));
    for (const data::Sequence& sequence : split.train)
      genre_of_train.push_back(static_cast<std::size_t>(sequence.front() - first_genre));
  }
  Samplers samplers{
      make_sampler(split.train, stride, "training", split.train_tokens()),
      make_sampler(split.validation, validation_stride, "validation", split.validation_tokens()),
      std::move(genre_of_train), nullptr};
  if (options.augment_transpose && setting.remi)
    samplers.transposer = std::make_unique<data::RemiTransposer>(vocab);
  else if (options.augment_transpose)
    samplers.transposer = std::make_unique<data::Transposer>(vocab);
  return samplers;
}

std::vector<data::WindowStart> training_epoch(const Samplers& samplers, std::mt19937_64& data_rng) {
  std::vector<data::WindowStart> starts = samplers.train.epoch(&data_rng);
  if (!samplers.genre_of_train.empty()) starts = data::take_turns(starts, samplers.genre_of_train);
  return starts;
}

std::vector<data::WindowStart> validation_epoch(const Samplers& samplers,
                                                std::int64_t max_windows) {
  std::vector<data::WindowStart> starts = samplers.validation.epoch(nullptr);
  const auto cap = static_cast<std::size_t>(max_windows);
  if (cap > 0 && starts.size() > cap) {  // evenly spaced, the same every epoch
    std::vector<data::WindowStart> subset;
    for (std::size_t k = 0; k < cap; ++k) subset.push_back(starts[k * starts.size() / cap]);
    starts.swap(subset);
  }
  return starts;
}

}  // namespace cadenza::train
