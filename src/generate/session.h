#pragma once
// What the generate / interpolate / evaluate commands share around the model: finding and
// splitting the training corpus the way training did, reading a prime, and writing a piece
// (MIDI, piano-roll PNG, token list and optionally WAV) next to each other.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "audio/synth.h"
#include "generate/prime.h"
#include "tokens/paper_decoder.h"
#include "tokens/vocab.h"

namespace cadenza::generate {

using Ids = std::vector<std::int64_t>;

// The corpus a checkpoint was trained on, when its "training" section records one
// (options.corpus); empty otherwise. The training split fraction likewise (default 0.1).
std::optional<std::filesystem::path> checkpoint_corpus(const std::filesystem::path& checkpoint);
double checkpoint_validation_fraction(const std::filesystem::path& checkpoint);

struct CorpusSplit {
  std::vector<Ids> train, held_out;
  std::vector<std::vector<std::string>> train_tokens;  // for the copied-n-gram index
  std::string method;
};
// Reads and splits the corpus as training did (data::split_corpus with the same fraction).
// Throws std::runtime_error naming the corpus when a token is outside the vocabulary.
CorpusSplit load_corpus_split(const std::filesystem::path& corpus, const tokens::Vocab& vocab,
                              double validation_fraction);

// The paper tokens of a MIDI file, mapped into the vocabulary (see prime.h).
MappedPrime read_prime(const std::filesystem::path& midi, const tokens::Vocab& vocab);

struct PieceOutput {
  tokens::DecodeOptions midi;
  bool wav = false;
  audio::SynthOptions synth;
  bool piano_roll = true;
};
// Writes <midi_path> and, beside it, <stem>.png, <stem>.tokens.txt and (wav) <stem>.wav.
// Returns the paths written. write_piece decodes the paper's tokens (output.midi's settings);
// write_score_piece takes a score already decoded from `tokens` (REMI: miditok::to_score).
std::vector<std::filesystem::path> write_piece(const std::vector<std::string>& tokens,
                                               const std::filesystem::path& midi_path,
                                               const PieceOutput& output);
std::vector<std::filesystem::path> write_score_piece(const score::Score& score,
                                                     const std::vector<std::string>& tokens,
                                                     const std::filesystem::path& midi_path,
                                                     const PieceOutput& output);

// The files write_piece writes for `midi_path`, in that order (checked against the inputs
// before anything is generated).
std::vector<std::filesystem::path> piece_paths(const std::filesystem::path& midi_path,
                                               const PieceOutput& output);

// out.mid for one piece; out_01.mid, out_02.mid, ... for several.
std::filesystem::path numbered_path(const std::filesystem::path& path, std::size_t index,
                                    std::size_t count);

}  // namespace cadenza::generate
