// cadenza generate: new pieces from a trained model (PAPER.md section 3; docs/generate.md).
#include <memory>
#include <random>
#include <string>

#include "command.h"
#include "commands/torch/compose_options.h"
#include "torch_commands.h"

namespace cadenza::app {
namespace {

void setup(CLI::App& sub) {
  auto options = std::make_shared<generate::ComposeOptions>();
  auto seed = std::make_shared<std::uint64_t>(0);
  add_model_source(sub, options->source, /*optional_model=*/true);
  sub.add_option("-o,--output", options->output,
                 "MIDI file to write (with --count N: out_01.mid ...); .png, .tokens.txt beside")
      ->capture_default_str();
  CLI::Option* temperature = add_sampling_options(sub, options->generation, true);
  sub.add_option("--seed", *seed, "random seed (0 = a fresh one, printed)")->capture_default_str();
  CLI::Option* prime =
      sub.add_option("--prime", options->prime,
                     "continue this MIDI file (REMI models: in all its parts; paper models: its "
                     "first part)");
  auto& a = options->arrangement;
  add_arrangement_options(sub, a);
  sub.add_option("--add-part", a.add_part,
                 "REMI models: write a new part for this instrument into the piece --to gives");
  sub.add_option("--genre", a.genre,
                 "genre models: the genre to write, e.g. jazz, folk, pop (default jazz)");
  sub.add_option("--genre-guidance", a.genre_guidance,
                 "genre models: weight of genre guidance (default 2; 0: none; docs/genre.md): "
                 "each token also asks how much better the genre explains it than the model's "
                 "other genres");
  sub.add_option("--to", options->prime, "the MIDI file --add-part adds to")->excludes(prime);
  sub.add_flag("--from-prior", options->from_prior, "z ~ N(0, I) instead of the seed's latent");
  sub.add_option("--count", options->count, "pieces to generate")->capture_default_str();
  sub.add_flag("--wav", options->piece.wav, "also render each piece to WAV with FluidSynth");
  sub.add_flag("!--no-png", options->piece.piano_roll, "skip the piano-roll PNG");
  sub.add_flag("--report", options->report, "print the laziness table of the pieces");
  add_midi_options(sub, options->piece.midi);
  add_synth_options(sub, options->piece.synth);
  sub.callback([options, seed, temperature] {
    options->generation.default_temperature = temperature->count() == 0;
    options->seed =
        *seed ? *seed : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    generate::ComposeResult result = generate::compose(*options);
    result.notes.insert(result.notes.begin(),
                        "seed " + std::to_string(options->seed) + " (--seed to repeat)");
    print_result(result);
  });
}

const bool registered = register_command({"generate", torch_command_summary("generate"), setup});
}  // namespace
}  // namespace cadenza::app
