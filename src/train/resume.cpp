#include "train/resume.h"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace cadenza::train {
namespace {

// --resume continues with the checkpoint's model and training settings. Settings given now that
// differ from them (a value that is neither the checkpoint's nor the preset's or the default)
// are ignored, and another corpus is trained on: both deserve a word instead of silence.
void warn_about_resume_differences(const TrainOptions& requested,
                                   const model::ModelConfig& checkpoint_config,
                                   const nlohmann::json& checkpoint_options) {
  std::vector<std::string> ignored;
  const auto compare = [&](const nlohmann::json& given, const nlohmann::json& stored,
                           const nlohmann::json& defaults, const std::string& skip) {
    for (const auto& [key, value] : given.items()) {
      if (key == skip || !stored.contains(key) || stored[key] == value) continue;
      if (defaults.contains(key) && defaults[key] == value) continue;  // probably not typed
      ignored.push_back(key + " " + value.dump() + " (checkpoint: " + stored[key].dump() + ")");
    }
  };
  const auto config_json = [](const model::ModelConfig& c) {
    return nlohmann::json::parse(model::to_json(c));
  };
  nlohmann::json presets = config_json(model::default_preset(checkpoint_config.kind));
  compare(config_json(requested.config), config_json(checkpoint_config), presets, "vocab_size");
  TrainOptions defaults;
  defaults.corpus = requested.corpus;  // options_json makes it absolute; "" cannot be
  compare(options_json(requested), checkpoint_options, options_json(defaults), "corpus");
  if (!ignored.empty()) {
    std::string list;
    for (const auto& item : ignored) list += (list.empty() ? "" : ", ") + item;
    std::fprintf(stderr, "cadenza train: warning: --resume keeps the settings of %s; ignored: %s\n",
                 requested.output.string().c_str(), list.c_str());
  }
  const std::string corpus =
      std::filesystem::absolute(requested.corpus).lexically_normal().string();
  if (checkpoint_options.contains("corpus") && checkpoint_options["corpus"].is_string() &&
      checkpoint_options["corpus"].get<std::string>() != corpus)
    std::fprintf(stderr,
                 "cadenza train: warning: --resume trains on %s, but %s was trained on %s\n",
                 corpus.c_str(), requested.output.string().c_str(),
                 checkpoint_options["corpus"].get<std::string>().c_str());
}

StartingPoint resume_from_checkpoint(const TrainOptions& requested, TrainOptions& options,
                                     const tokens::Tokenizer& tokenizer) {
  StartingPoint start;
  start.checkpoint = model::read_checkpoint_file(options.output);
  auto loaded_config = model::model_config_from_json(
      model::checkpoint_section(start.checkpoint, "config", options.output));
  if (loaded_config.kind != options.config.kind)
    throw std::runtime_error(options.output.string() + ": checkpoint holds a " +
                             loaded_config.kind + ", not a " + options.config.kind);
  if (loaded_config.tokens != tokenizer.name())
    throw std::runtime_error(options.output.string() + ": the checkpoint was trained on " +
                             loaded_config.tokens + " tokens, " + options.corpus.string() +
                             " holds " + tokenizer.name() + " tokens");
  start.config = loaded_config;
  start.vocab = model::checkpoint_vocab(start.checkpoint, options.output);
  try {
    auto training = nlohmann::json::parse(
        model::checkpoint_section(start.checkpoint, "training", options.output));
    warn_about_resume_differences(requested, loaded_config, training.at("options"));
    apply_options_json(training.at("options"), options);
    start.state = training_state_from_json(training);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(options.output.string() + ": bad training section: " + e.what());
  }
  return start;
}

StartingPoint start_fresh(const TrainOptions& options, const tokens::Corpus& corpus,
                          const tokens::Tokenizer& tokenizer) {
  StartingPoint start;
  start.config = options.config;
  if (tokenizer.name() == "remi") {
    if (start.config.paper)
      throw std::invalid_argument("--preset paper trains on the paper's tokens; " +
                                  options.corpus.string() + " holds REMI tokens");
    start.vocab = tokenizer.vocabulary(corpus);  // MidiTok's ids, then the genres'
    start.config.tokens = tokenizer.name();
  } else {
    if (start.config.kind == "transformer" || start.config.kind == "lstm")
      throw std::invalid_argument("the " + start.config.kind +
                                  " language model reads REMI tokens; " + options.corpus.string() +
                                  " holds the paper's tokens (make a REMI corpus with `cadenza "
                                  "tokenize --format remi`)");
    start.vocab = tokenizer.vocabulary(corpus);
  }
  start.config.vocab_size = static_cast<std::int64_t>(start.vocab.size());
  return start;
}

}  // namespace

StartingPoint find_starting_point(const TrainOptions& requested, TrainOptions& options,
                                  const tokens::Corpus& corpus,
                                  const tokens::Tokenizer& tokenizer) {
  StartingPoint start = options.resume ? resume_from_checkpoint(requested, options, tokenizer)
                                       : start_fresh(options, corpus, tokenizer);
  start.config.validate();
  return start;
}

}  // namespace cadenza::train
