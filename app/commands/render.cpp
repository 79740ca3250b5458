// cadenza render: MIDI -> WAV with FluidSynth and a General MIDI soundfont (docs/generate.md).
#include <chrono>
#include <cstdio>
#include <memory>

#include "audio/synth.h"
#include "command.h"
#include "common/same_file.h"
#include "options.h"

namespace cadenza::app {
namespace {

struct RenderArgs {
  std::filesystem::path input, output;
  audio::SynthOptions synth;
};

void setup(CLI::App& sub) {
  auto options = std::make_shared<RenderArgs>();
  sub.add_option("input", options->input, "MIDI file")->required()->check(CLI::ExistingFile);
  sub.add_option("-o,--output", options->output, "WAV file (default: input with .wav)");
  add_synth_options(sub, options->synth);
  sub.callback([options] {
    std::filesystem::path output = options->output;
    if (output.empty()) output = std::filesystem::path(options->input).replace_extension(".wav");
    refuse_output_over_input(output, {options->input, options->synth.soundfont});
    const auto start = std::chrono::steady_clock::now();
    audio::render_midi_file(options->input, output, options->synth);
    std::printf("wrote %s (%.2f s)\n", output.string().c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  });
}

const bool registered =
    register_command({"render", "render a MIDI file to WAV with FluidSynth", setup});
}  // namespace
}  // namespace cadenza::app
