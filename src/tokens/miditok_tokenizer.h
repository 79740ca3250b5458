#pragma once
// MIDI -> MidiTok 2.1.8 REMI or TSD tokens (one stream for all tracks), the entry point that
// ties together the miditoolkit view of the file (miditoolkit_midi.h), MidiTok's preprocessing
// (miditok_preprocess.h) and the two token orders (remi_tokenizer.h, tsd_tokenizer.h).
//
// Files that MidiTok 2.1.8 refuses are tokenized by the same rules with a documented
// extension (docs/tokenizer.md) and carry the reasons in `refusals`: a time signature outside
// its range (kept as a TimeSig token outside the vocabulary), fewer than 32 ticks per beat
// (time scaled up), what mido cannot read (read anyway), tokens outside the vocabulary
// (MidiTok raises KeyError, e.g. Position_48 after some time signature changes).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "midi/file.h"
#include "tokens/miditok_token.h"
#include "tokens/miditok_vocab.h"

namespace cadenza::tokens::miditok {

struct Tokenization {
  std::vector<Token> tokens;
  std::vector<std::string> refusals;  // empty: MidiTok 2.1.8 gives exactly these tokens
  std::int64_t notes_kept = 0;
};

Tokenization tokenize(const midi::File& file, Scheme scheme);
// Throws midi::ParseError for what cannot be read as MIDI at all.
Tokenization tokenize_bytes(const std::uint8_t* data, std::size_t size, Scheme scheme,
                            const std::string& source = "<memory>");
Tokenization tokenize_file(const std::filesystem::path& path, Scheme scheme);

std::vector<std::string> token_texts(const std::vector<Token>& tokens);

}  // namespace cadenza::tokens::miditok
