// cadenza: learn a musical style from MIDI, compose in it, and classify audio by genre.
#include <cstdio>
#include <exception>

#include "command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "cadenza: learn a musical style from MIDI files, compose new pieces, and "
      "classify audio by genre"};
  app.set_version_flag("--version", std::string("cadenza ") + CADENZA_VERSION);
  app.require_subcommand(1);
  for (const auto& command : cadenza::app::registered_commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // Commands throw with a message naming the file, position and what was expected.
    std::fprintf(stderr, "cadenza: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
