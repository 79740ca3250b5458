#pragma once
// Options that several commands share, declared once so that they read and check the same.
#include <CLI/CLI.hpp>

#include "audio/synth.h"

namespace cadenza::app {

// How MIDI becomes audio (render, generate --wav, classify predict on MIDI, genre-check).
inline void add_synth_options(CLI::App& sub, audio::SynthOptions& synth) {
  sub.add_option("--soundfont", synth.soundfont, "SoundFont 2 file")->capture_default_str();
  sub.add_option("--sample-rate", synth.sample_rate, "WAV sample rate")->capture_default_str();
  sub.add_option("--gain", synth.gain, "FluidSynth master gain")->capture_default_str();
}

}  // namespace cadenza::app
