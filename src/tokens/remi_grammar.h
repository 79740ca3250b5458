#pragma once
// What may come next in a REMI+ sequence (MidiTok's REMI with Program, Tempo and TimeSig
// tokens), in the order MidiTok's encoder writes it, so that whatever a model samples under
// this grammar decodes with no skipped token:
//
//   Bar TimeSig ( Position [Tempo] ( Program Pitch Velocity Duration )* )* Bar ...
//
// Positions rise within a bar and stay inside it (32 * numerator / denominator eighths of a
// beat); a Bar may follow the TimeSig (an empty bar), a Tempo or a note. Generation may narrow
// the choices: the programs that may play, the time signatures, whether Tempo tokens may come.
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "tokens/miditok_token.h"
#include "tokens/tokenizer.h"
#include "tokens/vocab.h"

namespace cadenza::tokens {

class RemiGrammar final : public Grammar {
 public:
  enum class State {
    Start,
    AfterBar,
    AfterTimeSig,
    AfterPosition,
    AfterTempo,
    AfterProgram,
    AfterPitch,
    AfterVelocity,
    AfterDuration
  };

  // `vocab`: MidiTok's REMI vocabulary (remi_corpus.h's remi_vocab()) or any vocabulary of
  // REMI token texts; ids that are no REMI token are never allowed.
  explicit RemiGrammar(const Vocab& vocab);

  // Narrowing (the defaults allow everything the vocabulary has).
  void allow_programs(std::set<int> programs);                           // -1 = drums; empty = all
  void allow_time_signatures(std::set<std::pair<int, int>> signatures);  // empty = all
  void allow_tempo_changes(bool allowed) { tempo_changes_ = allowed; }
  // At most this many notes at one onset (0 = no limit): a model that piles notes on one onset
  // must move on, so a bar has a bounded number of tokens.
  void limit_notes_per_onset(int notes) { max_notes_per_onset_ = notes; }

  bool allows(std::int64_t id) const override;
  // Sets the logits of every id that may not come next to -infinity.
  void mask(std::vector<float>& logits) const override;
  std::vector<std::int64_t> allowed_ids() const;
  // Moves on with `id`; throws std::invalid_argument naming the token when it may not come.
  void accept(std::int64_t id) override;
  // Moves on with `id` whatever it is (reading a sequence the grammar did not make, such as a
  // user's prime): the state follows the token's kind, nothing is checked.
  void observe(std::int64_t id) override;

  State state() const { return state_; }
  int bars() const { return bars_; }          // Bar tokens seen
  int position() const { return position_; }  // in the current bar; -1 before any
  int bar_positions() const { return bar_positions_; }
  int program() const { return program_; }             // of the current note; -2 before any
  const miditok::Token* token(std::int64_t id) const;  // nullptr for ids that are no token

 private:
  bool allowed_token(const miditok::Token& t) const;

  std::vector<miditok::Token> tokens_;
  std::vector<bool> is_token_;
  std::set<int> programs_;
  std::set<std::pair<int, int>> time_signatures_;
  bool tempo_changes_ = true;
  int max_notes_per_onset_ = 0, notes_at_onset_ = 0;
  State state_ = State::Start;
  int bars_ = 0, position_ = -1, bar_positions_ = 32, program_ = -2;
};

// Eighths of a beat in a bar of numerator/denominator: MidiTok's ticks per bar over ticks per
// sample (32 for 4/4, 24 for 3/4 and 6/8).
int remi_bar_positions(int numerator, int denominator);

}  // namespace cadenza::tokens
