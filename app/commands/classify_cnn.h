#pragma once
// `cadenza classify train-cnn`: the CNN on log-mel spectrograms (docs/classify.md). Without
// libtorch the subcommand exists and says that it needs it.
#include <CLI/CLI.hpp>

namespace cadenza::app {

void add_cnn_subcommands(CLI::App& classify);

}  // namespace cadenza::app
