// cadenza interpolate: pieces along the line between two pieces' latents (docs/generate.md).
#include <memory>

#include "command.h"
#include "commands/torch/compose_options.h"
#include "torch_commands.h"

namespace cadenza::app {
namespace {

void setup(CLI::App& sub) {
  auto options = std::make_shared<generate::InterpolateOptions>();
  add_model_source(sub, options->source);
  sub.add_option("a", options->a, "first MIDI file")->required()->check(CLI::ExistingFile);
  sub.add_option("b", options->b, "second MIDI file")->required()->check(CLI::ExistingFile);
  sub.add_option("--steps", options->steps, "pieces from a to b (>= 2)")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  sub.add_option("-o,--output", options->output_dir, "folder for step_01.mid ...")
      ->capture_default_str();
  add_arrangement_options(sub, options->arrangement);
  add_sampling_options(sub, options->generation, true);
  sub.add_option("--seed", options->seed, "random seed (the same for every step)")
      ->capture_default_str();
  sub.add_flag("--wav", options->piece.wav, "also render each piece to WAV");
  add_midi_options(sub, options->piece.midi);
  add_synth_options(sub, options->piece.synth);
  sub.callback([options] { print_result(generate::interpolate(*options)); });
}

const bool registered =
    register_command({"interpolate", torch_command_summary("interpolate"), setup});
}  // namespace
}  // namespace cadenza::app
