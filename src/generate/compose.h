#pragma once
// The three jobs behind `cadenza generate`, `interpolate` and `evaluate`, from a checkpoint
// path to files and tables (no torch in this header: the CLI and the demo include it).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "generate/options.h"
#include "generate/session.h"

namespace cadenza::generate {

namespace fs = std::filesystem;

struct ModelSource {
  fs::path checkpoint;             // empty: the shipped jazz model (default_model_path())
  std::optional<fs::path> corpus;  // else the one the checkpoint records, if any
  // torch and OpenBLAS threads; 0 = all cores. One is the default: generating one token at a
  // time gains nothing from more, and idle OpenBLAS threads spin (docs/arrangements.md).
  int threads = 1;
  std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
};

// How a model trained on REMI (multi-track) tokens arranges a piece. A model trained on the
// paper's tokens refuses every field that differs from the defaults.
struct ArrangementOptions {
  std::int64_t bars = 16;
  double min_seconds = 0;  // more bars until the piece lasts this long (ArrangeRequest)
  std::vector<std::string> instruments;       // General MIDI names; empty: the model chooses
  std::optional<double> tempo;                // beats per minute; else the model chooses
  std::optional<std::string> time_signature;  // "3/4"; else the model chooses
  std::optional<std::string> add_part;        // an instrument to add to the prime's parts
  std::optional<std::string> genre;  // a genre model's genre (default: jazz, else its first)
  // Weight of genre guidance (genre_guidance.h); none asked: kGenreModelGuidance for a genre
  // model, 0 (none) for others.
  std::optional<double> genre_guidance;
};

struct ComposeOptions {
  ModelSource source;
  fs::path output = "generated.mid";  // out.mid, or out_01.mid ... for --count > 1
  std::optional<fs::path> prime;      // start from this MIDI file instead of the corpus
  ArrangementOptions arrangement;     // REMI models only
  GenerationOptions generation;
  bool from_prior = false;  // z ~ N(0, I), fixed for the piece
  std::size_t count = 1;
  std::uint64_t seed = 1;
  PieceOutput piece;
  bool report = false;  // laziness table of the pieces (and held-out corpus text)
};

struct ComposeResult {
  std::vector<std::vector<fs::path>> written;  // per piece
  std::vector<std::string> notes;              // lines worth telling the user
  std::string report;                          // the laziness table when asked for
  double seconds_generating = 0;
};

// The model `generate` uses when none is given: $CADENZA_MODEL when set, else models/jazz.cdz of
// the source tree or share/cadenza/models/jazz.cdz of the installation, found from the running
// executable. Throws std::runtime_error listing where it looked when there is none.
fs::path default_model_path();

// Throws std::runtime_error / std::invalid_argument with one clear message (missing or
// corrupt checkpoint, no seed source, prime that cannot be used, missing soundfont, ...).
ComposeResult compose(const ComposeOptions& options);

struct InterpolateOptions {
  ModelSource source;
  fs::path a, b;  // MIDI files
  int steps = 5;
  fs::path output_dir = "interpolation";
  ArrangementOptions arrangement;  // REMI VAEs: bars, instruments, tempo, time signature
  GenerationOptions generation;
  std::uint64_t seed = 1;
  PieceOutput piece;
};
// Writes <dir>/step_01.mid ... step_<steps>.mid (with PNG and token list, WAV on request); a
// REMI VAE writes multi-track pieces (interpolate_arrangement). A model without a latent
// (transformer, lstm) is refused.
ComposeResult interpolate(const InterpolateOptions& options);

struct EvaluateOptions {
  ModelSource source;
  std::vector<double> temperatures = {0.3, 0.7, 1.0};
  std::size_t pieces = 20;            // generated per temperature
  std::size_t held_out_pieces = 200;  // held-out chunks of the same length, at most
  GenerationOptions generation;       // length, top-k/p, fast (temperature is overridden)
  std::uint64_t seed = 1;
};
// The laziness table: one row per temperature (mean over pieces), then held-out real text.
std::string evaluate(const EvaluateOptions& options);

}  // namespace cadenza::generate
