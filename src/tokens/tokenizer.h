#pragma once
// One interface for cadenza's token formats, through which training, generation and evaluation
// see tokens: MIDI -> tokens, tokens -> score, the vocabulary of a model, and the grammar of
// what may come next. Three implementations wrap the format code (docs/tokenizer.md,
// "The tokenizer interface"):
//   "paper"  the paper's note and chord names, as music21 9.1 makes them (paper_tokens.h)
//   "remi"   MidiTok 2.1.8's REMI+ with programs, tempos, time signatures (miditok_tokens.h)
//   "tsd"    MidiTok 2.1.8's TSD with the same (miditok_tokens.h)
// Encoding starts from the MIDI file, not from a score::Score: the references (music21, mido
// and miditoolkit) read the file's events by their own rules, and the tokens match them only
// when read the same way.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "score/score.h"
#include "tokens/corpus.h"
#include "tokens/vocab.h"

namespace cadenza::tokens {

// What may come next after the tokens seen so far, over the ids of one vocabulary.
class Grammar {
 public:
  virtual ~Grammar() = default;
  virtual bool allows(std::int64_t id) const = 0;
  // Sets the logits of every id that may not come next to -infinity.
  virtual void mask(std::vector<float>& logits) const = 0;
  // Moves on with `id`; throws std::invalid_argument naming the token when it may not come.
  virtual void accept(std::int64_t id) = 0;
  // Moves on with `id` whatever it is (reading a sequence the grammar did not make, such as a
  // user's prime): nothing is checked.
  virtual void observe(std::int64_t id) = 0;
};

// Every id of the vocabulary may come at any point (ids outside it never).
class AnyTokenGrammar final : public Grammar {
 public:
  explicit AnyTokenGrammar(std::size_t vocab_size) : size_(vocab_size) {}
  bool allows(std::int64_t id) const override;
  void mask(std::vector<float>& logits) const override;
  void accept(std::int64_t id) override;
  void observe(std::int64_t) override {}

 private:
  std::size_t size_;
};

struct Encoding {
  std::vector<std::string> tokens;
  // Why the reference (music21 9.1, MidiTok 2.1.8) would refuse the file, which is tokenized
  // anyway by the documented extensions; empty when it gives exactly these tokens.
  std::vector<std::string> refusals;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  virtual std::string name() const = 0;  // "paper", "remi", "tsd" (make_tokenizer's names)
  // For messages: "the paper's tokens (one melody line)".
  virtual std::string description() const = 0;
  // Several instruments in bars with tempos and time signatures (REMI, TSD); false: one line
  // of notes and chords (the paper's).
  virtual bool multi_track() const = 0;

  // MIDI -> tokens. Throws (midi::ParseError or std::runtime_error) naming `source` or the path
  // and the byte offset for data that is not MIDI.
  virtual Encoding encode(const std::uint8_t* data, std::size_t size,
                          const std::string& source = "<memory>") const = 0;
  virtual Encoding encode_file(const std::filesystem::path& path) const = 0;
  // Tokens -> music (each implementation says how it treats tokens it cannot place).
  virtual score::Score decode(const std::vector<std::string>& tokens) const = 0;

  // The vocabulary of a model trained on `corpus` (its token strings <-> ids).
  virtual Vocab vocabulary(const Corpus& corpus) const = 0;
  // What may come first and next in a piece, over `vocab`'s ids.
  virtual std::unique_ptr<Grammar> grammar(const Vocab& vocab) const = 0;
};

// "paper", "remi", "tsd".
const std::vector<std::string>& tokenizer_names();
// Throws std::invalid_argument listing the known names for any other.
std::unique_ptr<Tokenizer> make_tokenizer(const std::string& name);
// The tokenizer that made a corpus: "remi" when it reads as REMI (remi_corpus.h's
// is_remi_corpus), else "paper" (a TSD corpus is not told apart: nothing trains on TSD yet).
std::unique_ptr<Tokenizer> corpus_tokenizer(const Corpus& corpus);

}  // namespace cadenza::tokens
