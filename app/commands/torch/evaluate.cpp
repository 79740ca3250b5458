// cadenza evaluate: the paper's "laziness" of generated pieces at several temperatures next
// to held-out real text of the corpus (docs/generate.md).
#include <cstdio>
#include <memory>

#include "command.h"
#include "commands/torch/compose_options.h"
#include "torch_commands.h"

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
  sub.callback([options] { std::printf("%s", generate::evaluate(*options).c_str()); });
}

const bool registered = register_command({"evaluate", torch_command_summary("evaluate"), setup});
}  // namespace
}  // namespace cadenza::app
