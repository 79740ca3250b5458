#pragma once
// Plain settings of the generation loop (no torch here, the CLI includes it).
#include <cstdint>

#include "generate/sampling.h"

namespace cadenza::generate {

struct GenerationOptions {
  std::int64_t length = 100;  // tokens to generate per piece
  SamplingOptions sampling;
  // Stateful decoding (generate/lstm_stepper.h) with z fixed: the given z, else mu of the
  // seed window. Much faster than the paper's procedure; default-preset VAE-LSTM only.
  bool fast = false;
  // Stateful decoding when the model supports it, else the paper's procedure: genre-check's
  // default (its pieces are generated for judging, not to reproduce the paper's procedure).
  bool fast_where_supported = false;
  // No temperature was asked for: a genre model samples at kGenreModelTemperature.
  bool default_temperature = false;
};

}  // namespace cadenza::generate
