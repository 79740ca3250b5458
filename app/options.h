#pragma once
// Options that several commands share, declared once so that they read and check the same.
#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "audio/synth.h"

namespace cadenza::app {

// How MIDI becomes audio (render, generate --wav, classify predict on MIDI, genre-check).
inline void add_synth_options(CLI::App& sub, audio::SynthOptions& synth) {
  sub.add_option("--soundfont", synth.soundfont, "SoundFont 2 file")->capture_default_str();
  sub.add_option("--sample-rate", synth.sample_rate, "WAV sample rate")->capture_default_str();
  sub.add_option("--gain", synth.gain, "FluidSynth master gain")->capture_default_str();
}

// "a,b,,c" -> {"a", "b", "c"}: the list options (--genres, --judges, --groups).
inline std::vector<std::string> split_comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) items.push_back(item);
  return items;
}

}  // namespace cadenza::app
