#pragma once
// --resample for the commands that decode audio files (features, melspec, classify predict,
// genre-check): how files not at 22,050 Hz are converted, librosa's kaiser_best by default.
#include <CLI/CLI.hpp>

#include <string>

#include "audio/resample.h"

namespace cadenza::app {

inline CLI::Option* add_resample_option(CLI::App& sub, audio::Resampler& resampler) {
  return sub
      .add_option_function<std::string>(
          "--resample",
          [&resampler](const std::string& name) { resampler = audio::parse_resampler(name); },
          "files at other rates: kaiser_best (librosa.load's resampy filter, the default), "
          "kaiser_fast (resampy's faster filter) or soxr (libsoxr HQ, fastest)")
      ->check(CLI::IsMember({"kaiser_best", "kaiser_fast", "soxr"}))
      ->default_str("kaiser_best");
}

}  // namespace cadenza::app
