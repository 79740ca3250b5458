#include "torch_commands.h"

#include <string_view>

namespace cadenza::app {
namespace {

// evaluate's torch-free forms (--real/--generated, --baseline) and its help, which describes
// every form, run here; anything else (a MODEL and its options) in cadenza-torch.
bool evaluate_needs_torch(int argc, const char* const* argv) {
  bool other = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    for (std::string_view option : {"--real", "--generated", "--copy-from", "--baseline"})
      if (arg == option || (arg.size() > option.size() && arg.substr(0, option.size()) == option &&
                            arg[option.size()] == '='))
        return false;
    if (arg != "-h" && arg != "--help") other = true;
  }
  return other;
}

}  // namespace

const char* torch_command_summary(std::string_view name) {
  for (const TorchCommand& command : kTorchCommands)
    if (name == command.name) return command.summary;
  return "";
}

bool needs_torch(int argc, const char* const* argv) {
  if (argc < 2) return false;
  const std::string_view command = argv[1];
  if (command == "evaluate") return evaluate_needs_torch(argc, argv);
  if (*torch_command_summary(command) != '\0') return true;
  if (command == "classify") return argc > 2 && std::string_view(argv[2]) == "train-cnn";
  if (command != "genre-check") return false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--model" || arg.rfind("--model=", 0) == 0) return true;
  }
  return false;
}

}  // namespace cadenza::app
