// cadenza: learn a musical style from MIDI, compose in it, and classify audio by genre.
//
// Two programs share this file. `cadenza` links no libtorch, so that tokenize, features,
// classify and the others start at once; it hands the commands that need libtorch to
// `cadenza-torch` (the same commands plus the neural ones) with the same command line. Every
// error ends here, mapped to one message and one exit code (common/error.h).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "command.h"
#include "common/allocator.h"
#include "common/error.h"
#include "torch_commands.h"

namespace {

constexpr int kExitFailure = 1;  // the work could not be done: bad input file, I/O
constexpr int kExitUsage = 2;    // the command line asks for something impossible
constexpr int kExitBug = 70;     // EX_SOFTWARE: our fault

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "cadenza: error: %s\n", message.c_str());
  if (code == kExitBug)
    std::fprintf(stderr,
                 "cadenza: this is a bug in cadenza; please report it with the command "
                 "line that caused it\n");
  return code;
}

#ifdef CADENZA_TORCH_PROGRAM
// Replaces this process by cadenza-torch from the same folder; returns only on failure.
int run_torch_program(char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path program = self.parent_path() / CADENZA_TORCH_PROGRAM;
  std::fflush(nullptr);
  ::execv(program.c_str(), argv);
  return fail(kExitFailure, "this command needs " + program.string() +
                                ", which could not be started: " + std::strerror(errno));
}
#endif

int run(int argc, char** argv) {
  CLI::App app{
      "cadenza: learn a musical style from MIDI files, compose new pieces, and "
      "classify audio by genre"};
  app.set_version_flag("--version", std::string("cadenza ") + CADENZA_VERSION);
  app.require_subcommand(1);
  // One alphabetical list; in the torch-free program the torch commands are only listed:
  // main() hands them to cadenza-torch before parsing.
  std::vector<cadenza::app::Command> commands = cadenza::app::registered_commands();
#ifdef CADENZA_TORCH_PROGRAM
  for (const auto& command : cadenza::app::kTorchCommands)
    if (std::none_of(commands.begin(), commands.end(),  // evaluate has torch-free forms here
                     [&](const auto& c) { return c.name == command.name; }))
      commands.push_back(
          {command.name, command.summary, [](CLI::App& sub) { sub.allow_extras(); }});
#endif
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cadenza::keep_freed_memory_for_reuse();
#ifdef CADENZA_TORCH_PROGRAM
  if (cadenza::app::needs_torch(argc, argv)) return run_torch_program(argv);
#endif
  try {
    return run(argc, argv);
  } catch (const cadenza::NeedsTorch& e) {
#ifdef CADENZA_TORCH_PROGRAM
    return run_torch_program(argv);  // thrown before the command wrote anything
#else
    return fail(kExitUsage, e.what());
#endif
  } catch (const cadenza::UsageError& e) {
    return fail(kExitUsage, e.what());
  } catch (const cadenza::Bug& e) {
    return fail(kExitBug, e.what());
  } catch (const std::invalid_argument& e) {  // option values checked by the libraries
    return fail(kExitUsage, e.what());
  } catch (const std::bad_alloc&) {
    return fail(kExitFailure, "out of memory");
  } catch (const std::logic_error& e) {
    return fail(kExitBug, e.what());
  } catch (const std::exception& e) {
    // Commands throw with a message naming the file, position and what was expected.
    return fail(kExitFailure, e.what());
  } catch (...) {
    return fail(kExitBug, "an unknown exception");
  }
}
