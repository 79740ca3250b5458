#pragma once
// MidiTok 2.1.8's vocabularies for REMI (407 tokens) and TSD (422 tokens) in its id order:
// PAD BOS EOS MASK, then (REMI) Bar, Pitch, Velocity, Duration, Position or (TSD) Pitch,
// Velocity, Duration, TimeShift, then Tempo, Program, TimeSig. save_vocab_json() writes the
// file in MidiTok's save_params() layout, which REMI(params=...) / TSD(params=...) load with
// these very ids.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tokens/miditok_token.h"

namespace cadenza::tokens::miditok {

enum class Scheme { Remi, Tsd };

const char* scheme_name(Scheme scheme);  // "REMI", "TSD"

class MidiTokVocab {
 public:
  explicit MidiTokVocab(Scheme scheme, const Config& config = default_config());

  Scheme scheme() const { return scheme_; }
  std::size_t size() const { return tokens_.size(); }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::optional<int> id(const Token& token) const;
  const Token& token(int id) const { return tokens_.at(static_cast<std::size_t>(id)); }
  const std::string& text(int id) const { return texts_.at(static_cast<std::size_t>(id)); }
  const Config& config() const { return config_; }

  // MidiTok's save_params() JSON (config, one_token_stream, has_bpe, tokenization,
  // miditok_version) plus "vocab_size" and, for ids beyond MidiTok's, "cadenza_extension_tokens"
  // (ids size() .. size() + n - 1, in the order given). Written atomically.
  void save_json(const std::filesystem::path& path,
                 const std::vector<std::string>& extension_tokens = {}) const;

 private:
  Scheme scheme_;
  Config config_;
  std::vector<Token> tokens_;
  std::vector<std::string> texts_;
  // Per kind: the id of its first token and the value that token has (tokens of one kind are
  // consecutive values, except Velocity, TimeSig and specials, looked up otherwise).
  std::vector<int> first_id_, first_value_, count_;
  std::vector<int> velocity_id_;  // by velocity 0..127, -1 when not a bin
};

}  // namespace cadenza::tokens::miditok
