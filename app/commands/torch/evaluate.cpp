// cadenza evaluate MODEL: the paper's "laziness" of generated pieces at several temperatures
// next to held-out real text of the corpus (docs/generate.md); with --cross-entropy or --json,
// the model's mean cross-entropy per token on a corpus (train/corpus_ce.h).
#include <cstdio>
#include <memory>

#include "command.h"
#include "commands/torch/compose_options.h"
#include "model/threads.h"
#include "torch_commands.h"
#include "train/corpus_ce.h"

namespace cadenza::app {
namespace {

void setup(CLI::App& sub) {
  auto options = std::make_shared<generate::EvaluateOptions>();
  add_model_source(sub, options->source);
  sub.add_option("--temperatures", options->temperatures, "temperatures to compare (0 = argmax)")
      ->delimiter(',')
      ->capture_default_str();
  sub.add_option("--pieces", options->pieces, "pieces per temperature")->capture_default_str();
  sub.add_option("--held-out-pieces", options->held_out_pieces, "held-out chunks at most")
      ->capture_default_str();
  add_sampling_options(sub, options->generation, false);
  sub.add_option("--seed", options->seed, "random seed")->capture_default_str();
  auto ce = std::make_shared<train::CorpusCeOptions>();
  auto json = std::make_shared<bool>(false), cross_entropy = std::make_shared<bool>(false);
  const char* group = "Cross-entropy (--cross-entropy or --json)";
  sub.add_flag("--cross-entropy", *cross_entropy,
               "the model's mean cross-entropy per token on --corpus instead of the laziness "
               "report (per genre for a genre model)")
      ->group(group);
  sub.add_flag("--json", *json, "the cross-entropy as JSON")->group(group);
  sub.add_option("--validation-list", ce->validation_list,
                 "only these documents ('collection/file' per line), e.g. the training's "
                 "validation list")
      ->check(CLI::ExistingFile)
      ->group(group);
  sub.add_option("--max-windows", ce->max_windows, "evenly spaced windows at most (0 = all)")
      ->capture_default_str()
      ->group(group);
  sub.add_option("--batch-size", ce->batch_size, "windows per forward pass")
      ->capture_default_str()
      ->group(group);
  sub.callback([options, ce, json, cross_entropy] {
    if (!*json && !*cross_entropy) {
      if (!ce->validation_list.empty())
        throw std::invalid_argument("--validation-list belongs to --cross-entropy / --json");
      std::printf("%s", generate::evaluate(*options).c_str());
      return;
    }
    if (!options->source.corpus)
      throw std::invalid_argument("--cross-entropy / --json need --corpus C");
    ce->model = options->source.checkpoint;
    ce->corpus = *options->source.corpus;
    ce->device = options->source.device;
    // Whole windows at a time: the matrix products gain from every core (0 = all).
    model::set_compute_threads(options->source.threads, options->source.threads);
    const train::CorpusCe result = train::corpus_cross_entropy(*ce);
    std::printf("%s",
                (*json ? train::corpus_ce_json(result) : train::format_corpus_ce(result)).c_str());
  });
}

const bool registered = register_command({"evaluate", torch_command_summary("evaluate"), setup});
}  // namespace
}  // namespace cadenza::app
