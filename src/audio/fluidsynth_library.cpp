#include "audio/fluidsynth_library.h"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace cadenza::audio {
namespace {

constexpr const char* kLibrary = "libfluidsynth.so.3";

template <typename Function>
void bind(void* handle, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(handle, name));
  if (!function)
    throw std::runtime_error(std::string(kLibrary) + " has no " + name +
                             " (FluidSynth 2.x is needed)");
}

FluidSynthLibrary open_library() {
  void* handle = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    throw std::runtime_error(std::string("cannot load FluidSynth (") + (why ? why : kLibrary) +
                             "): install libfluidsynth3 (scripts/setup does)");
  }
  FluidSynthLibrary f{};  // the handle stays open for the life of the process
  bind(handle, "fluid_set_log_function", f.set_log_function);
  bind(handle, "new_fluid_settings", f.new_settings);
  bind(handle, "delete_fluid_settings", f.delete_settings);
  bind(handle, "fluid_settings_setnum", f.settings_setnum);
  bind(handle, "fluid_settings_setint", f.settings_setint);
  bind(handle, "new_fluid_synth", f.new_synth);
  bind(handle, "delete_fluid_synth", f.delete_synth);
  bind(handle, "fluid_synth_sfload", f.sfload);
  bind(handle, "fluid_synth_write_float", f.write_float);
  bind(handle, "fluid_synth_noteon", f.noteon);
  bind(handle, "fluid_synth_noteoff", f.noteoff);
  bind(handle, "fluid_synth_program_change", f.program_change);
  return f;
}

}  // namespace

const FluidSynthLibrary& fluidsynth() {
  static const FluidSynthLibrary library = open_library();
  return library;
}

}  // namespace cadenza::audio
