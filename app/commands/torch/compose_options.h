#pragma once
// Options shared by generate, interpolate and evaluate: where the model is, how tokens are
// sampled, what a REMI model writes, how the tokens become MIDI (PAPER.md section 3 defaults),
// and how MIDI becomes audio.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "generate/compose.h"
#include "options.h"
#include "tokens/paper_decoder.h"

namespace cadenza::app {

// `optional_model`: without a model the shipped one is used (generate::default_model_path()).
inline void add_model_source(CLI::App& sub, generate::ModelSource& source,
                             bool optional_model = false) {
  CLI::Option* model =
      sub.add_option("model", source.checkpoint,
                     optional_model ? "trained checkpoint (.cdz); default: the shipped jazz model"
                                    : "trained checkpoint (.cdz)");
  if (!optional_model) model->required();
  sub.add_option("--corpus", source.corpus,
                 "the token corpus the model was trained on (seed windows, held-out text)");
  sub.add_option("--threads", source.threads,
                 "torch and OpenBLAS threads (0 = all cores; one token at a time gains nothing "
                 "from more)")
      ->capture_default_str();
  sub.add_option("--device", source.device, "cpu, cuda or cuda:N")->capture_default_str();
}

// Returns the --temperature option (nullptr without it), so a command can tell whether it was
// given (GenerationOptions::default_temperature).
inline CLI::Option* add_sampling_options(CLI::App& sub, generate::GenerationOptions& g,
                                         bool temperature) {
  sub.add_option("--length", g.length, "tokens to generate per piece")->capture_default_str();
  CLI::Option* temperature_option = nullptr;
  if (temperature)
    temperature_option =
        sub.add_option("--temperature", g.sampling.temperature,
                       "sampling temperature (0 = argmax; a genre model's default is 1.0)")
            ->capture_default_str();
  sub.add_option("--top-k", g.sampling.top_k, "sample among the k most likely tokens (0 = all)")
      ->capture_default_str();
  sub.add_option("--top-p", g.sampling.top_p, "nucleus: smallest set reaching this probability")
      ->capture_default_str();
  sub.add_flag("--fast", g.fast,
               "stateful decoding with z fixed (default VAE-LSTM only; ~100x faster)");
  return temperature_option;
}

// What a REMI model writes (generate and interpolate): bars, instruments, tempo and metre.
inline void add_arrangement_options(CLI::App& sub, generate::ArrangementOptions& a) {
  sub.add_option("--bars", a.bars, "REMI models: bars per piece")->capture_default_str();
  sub.add_option("--instruments", a.instruments,
                 "REMI models: the instruments that play (each at least once every 4 bars), e.g. "
                 "piano,bass,drums,tenor-sax (General MIDI names); default: the model chooses")
      ->delimiter(',');
  sub.add_option("--tempo", a.tempo, "REMI models: beats per minute (nearest of REMI's 32)");
  sub.add_option("--time-signature", a.time_signature, "REMI models: e.g. 4/4, 3/4");
}

inline void add_midi_options(CLI::App& sub, tokens::DecodeOptions& midi) {
  sub.add_option("--bpm", midi.bpm, "tempo of the MIDI file")->capture_default_str();
  sub.add_option("--program", midi.program, "General MIDI program 0-127 (0 = piano)")
      ->check(CLI::Range(0, 127))
      ->capture_default_str();
  sub.add_option("--step", midi.step_quarters, "quarter notes between elements (paper: 0.5)")
      ->capture_default_str();
  sub.add_option("--note-length", midi.note_quarters, "sounding length in quarter notes")
      ->capture_default_str();
  sub.add_option("--velocity", midi.velocity, "MIDI velocity 1-127")
      ->check(CLI::Range(1, 127))
      ->capture_default_str();
}

inline void print_result(const generate::ComposeResult& result) {
  for (const auto& note : result.notes) std::printf("%s\n", note.c_str());
  for (const auto& paths : result.written) {
    std::printf("wrote");
    for (const auto& p : paths) std::printf(" %s", p.string().c_str());
    std::printf("\n");
  }
  std::printf("generation took %.3f s\n", result.seconds_generating);
  if (!result.report.empty()) std::printf("\n%s", result.report.c_str());
}

}  // namespace cadenza::app
