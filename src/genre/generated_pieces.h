#pragma once
// The generated group of the genre check: pieces from a trained VAE checkpoint through the
// generation path `cadenza generate` uses (generate::compose: seed windows from the training
// corpus, the paper's sampling loop, tokens -> MIDI), seeded, long enough to fill the seconds
// the check listens to. Needs libtorch (CADENZA_WITH_TORCH); without it generation throws.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tokens/paper_decoder.h"

namespace cadenza::genre {

struct GeneratedPiecesOptions {
  std::filesystem::path checkpoint;
  std::optional<std::filesystem::path> corpus;  // else the one the checkpoint records
  std::filesystem::path output;                 // out.mid -> out_01.mid, out_02.mid, ...
  std::size_t count = 10;
  std::uint64_t seed = 1;
  double seconds = 30;      // pieces last at least this long (0: `length` or 120 tokens)
  std::int64_t length = 0;  // tokens per piece; 0: enough to fill `seconds`
  double temperature = 0.7;
  int top_k = 0;
  double top_p = 1.0;
  bool fast = false;             // stateful decoding; refused for models without it
  bool paper_procedure = false;  // else stateful decoding wherever the model has it
  tokens::DecodeOptions midi;    // the paper's: 120 BPM, a token every eighth note, piano
  // REMI models: bars per piece, and a genre model's genre (generate --bars, --genre). 32 bars:
  // the span the token judge reads of every piece; more bars where 32 last less than `seconds`
  // (POP909's 1/4 bars make 32 bars ~20 s), so the audio judge hears as much as of a real piece.
  std::int64_t bars = 32;
  std::optional<std::string> genre;
  std::optional<double> genre_guidance;  // generate --genre-guidance (none: the model's default)
  int threads = 0;
  std::string device = "cpu";
};

struct GeneratedPieces {
  std::vector<std::filesystem::path> midi_files;
  std::int64_t tokens_per_piece = 0;
  double seconds_generating = 0;
  std::vector<std::string> notes;  // what generate::compose tells the user
};

// Tokens that fill `seconds` with `midi`'s step (120 tokens for 30 s at the paper's settings).
std::int64_t tokens_to_fill(double seconds, const tokens::DecodeOptions& midi);

// Throws std::runtime_error with one line when `path` is missing or not a checkpoint of
// `cadenza train` (a genre classifier, another file).
void check_generative_checkpoint(const std::filesystem::path& path);

bool generation_available();  // built with libtorch

// Throws std::invalid_argument unless every genre is one the genre model at `checkpoint` writes
// (its Genre_ tokens; a model without them has none). Needs libtorch, as generation does.
void check_model_genres(const std::filesystem::path& checkpoint,
                        const std::vector<std::string>& genres);

GeneratedPieces generate_pieces(const GeneratedPiecesOptions& options);

}  // namespace cadenza::genre
