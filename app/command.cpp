#include "command.h"

#include <algorithm>

#include "common/threads.h"

namespace cadenza::app {
namespace {
std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace

bool register_command(Command command) {
  auto& commands = registry();
  commands.push_back(std::move(command));
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.name < b.name; });
  return true;
}

const std::vector<Command>& registered_commands() { return registry(); }

unsigned default_threads() { return clamp_threads(0); }

}  // namespace cadenza::app
