#pragma once
// FluidSynth, opened at the first render instead of linked: libfluidsynth pulls ~45 libraries
// (SDL2, X11, Wayland, PulseAudio, JACK, GLib) that every cadenza command would otherwise load
// before main(), for the few that render MIDI. Declarations come from <fluidsynth.h>.
#include <fluidsynth.h>

namespace cadenza::audio {

struct FluidSynthLibrary {
  decltype(&::fluid_set_log_function) set_log_function;
  decltype(&::new_fluid_settings) new_settings;
  decltype(&::delete_fluid_settings) delete_settings;
  decltype(&::fluid_settings_setnum) settings_setnum;
  decltype(&::fluid_settings_setint) settings_setint;
  decltype(&::new_fluid_synth) new_synth;
  decltype(&::delete_fluid_synth) delete_synth;
  decltype(&::fluid_synth_sfload) sfload;
  decltype(&::fluid_synth_write_float) write_float;
  decltype(&::fluid_synth_noteon) noteon;
  decltype(&::fluid_synth_noteoff) noteoff;
  decltype(&::fluid_synth_program_change) program_change;
};

// Loads libfluidsynth.so.3 once (thread-safe). Throws std::runtime_error naming the library and
// the Debian package when it cannot be opened or lacks a function.
const FluidSynthLibrary& fluidsynth();

}  // namespace cadenza::audio
