#include "audio/fluidsynth_library.h"

#include "common/shared_library.h"

namespace cadenza::audio {
namespace {

FluidSynthLibrary open_library() {
  static const SharedLibrary library("libfluidsynth.so.3", "libfluidsynth3");
  FluidSynthLibrary f{};
  library.bind("fluid_set_log_function", f.set_log_function);
  library.bind("new_fluid_settings", f.new_settings);
  library.bind("delete_fluid_settings", f.delete_settings);
  library.bind("fluid_settings_setnum", f.settings_setnum);
  library.bind("fluid_settings_setint", f.settings_setint);
  library.bind("new_fluid_synth", f.new_synth);
  library.bind("delete_fluid_synth", f.delete_synth);
  library.bind("fluid_synth_sfload", f.sfload);
  library.bind("fluid_synth_write_float", f.write_float);
  library.bind("fluid_synth_noteon", f.noteon);
  library.bind("fluid_synth_noteoff", f.noteoff);
  library.bind("fluid_synth_program_change", f.program_change);
  return f;
}

}  // namespace

const FluidSynthLibrary& fluidsynth() {
  static const FluidSynthLibrary library = open_library();
  return library;
}

}  // namespace cadenza::audio
