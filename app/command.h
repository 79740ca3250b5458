#pragma once
// Subcommands register themselves at start-up: each app/commands/<verb>.cpp holds
//   static const bool registered = cadenza::app::register_command({"verb", "summary", setup});
// where setup adds its options to the CLI11 subcommand and sets its callback. main() then
// builds the parser from the registry, so adding a command touches no other file.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cadenza::app {

struct Command {
  std::string name;
  std::string summary;
  // Adds options to `sub` and sets its final callback; the callback throws on failure.
  std::function<void(CLI::App& sub)> setup;
};

bool register_command(Command command);
const std::vector<Command>& registered_commands();

// Threads to use when a command says --threads 0 (the default): all cores (common/threads.h).
unsigned default_threads();

}  // namespace cadenza::app
