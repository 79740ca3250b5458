#pragma once
// The commands that need libtorch. The instant-start `cadenza` (no libtorch linked) lists them
// in its help and hands them, with the rest of the command line, to `cadenza-torch`; their own
// files take their summaries from here, so each summary is written once.
#include <string_view>

namespace cadenza::app {

struct TorchCommand {
  const char* name;
  const char* summary;
};

inline constexpr TorchCommand kTorchCommands[] = {
    {"demo",
     "the shipped model arranges 16 bars (MIDI, WAV, piano roll, measures next to real jazz); "
     "then a procedural corpus, a small model trained on it and its piece"},
    {"evaluate", "laziness of generated pieces vs held-out real music"},
    {"generate", "compose new pieces with a trained model"},
    {"interpolate", "pieces along the line between two pieces' latent codes"},
    {"serve", "the studio: compose, listen and check genre in the browser"},
    {"train", "train a VAE-LSTM, VAE-Transformer or decoder-only Transformer on a token corpus"},
};

// The summary of a command in kTorchCommands ("" for any other name).
const char* torch_command_summary(std::string_view name);

// True when the command line asks for work that needs libtorch before any option is read: a
// command above, `classify train-cnn`, genre-check generating its own pieces (--model), or
// evaluate given a model (evaluate --real/--generated, --baseline and --help are torch-free).
bool needs_torch(int argc, const char* const* argv);

}  // namespace cadenza::app
