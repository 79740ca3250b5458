#include "generate/arranger.h"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "common/limits.h"
#include "tokens/miditok_config.h"
#include "tokens/remi_grammar.h"

namespace cadenza::generate {
namespace {

using tokens::RemiGrammar;
using tokens::miditok::Token;
using tokens::miditok::TokenKind;

// Notes at one onset in a generated piece: a model that piles notes on one onset must move on.
// (Jazz arrangements with drums rarely pass a dozen.) With it a bar holds at most
// 48 positions x (32 notes x 4 tokens + 2) + 2 tokens, so the budget below never cuts a piece.
constexpr int kMaxNotesPerOnset = 32;
constexpr std::int64_t kMaxTokensPerBar = 48 * (kMaxNotesPerOnset * 4 + 2) + 2;
// ArrangeRequest::min_seconds adds bars up to this many times the bars asked for.
constexpr std::int64_t kMostBarsPerAskedBar = 4;

std::int64_t id_of(const tokens::Vocab& vocab, const Token& token) {
  const std::string text = tokens::miditok::token_text(token);
  auto id = vocab.find(text);
  if (!id) throw std::invalid_argument("the model's vocabulary has no " + text);
  return *id;
}

std::int64_t draw(std::vector<float> logits, const std::vector<bool>& allowed,
                  const SamplingOptions& options, Sampler& sampler) {
  bool any = false;
  for (std::size_t id = 0; id < logits.size(); ++id) {
    if (id >= allowed.size() || !allowed[id])
      logits[id] = -std::numeric_limits<float>::infinity();
    else
      any = true;
  }
  if (!any) throw std::logic_error("arranger: no token may come next");
  return static_cast<std::int64_t>(sampler.sample(logits, options));
}

std::vector<bool> grammar_mask(const RemiGrammar& grammar, std::size_t size) {
  std::vector<bool> allowed(size, false);
  for (std::int64_t id : grammar.allowed_ids()) allowed[static_cast<std::size_t>(id)] = true;
  return allowed;
}

// Makes every asked instrument play (ArrangeRequest::max_rest_bars): remembers the bar of each
// one's last note and, while one is due, narrows the grammar's choices at the points where a
// bar may close or a note begin: no Bar, and Program tokens of due instruments only. The rest
// of the grammar is untouched, so a piece still decodes with no skipped token.
class Attendance {
 public:
  Attendance(const ArrangeRequest& request, int bars_before)
      : max_rest_(request.max_rest_bars), bars_before_(bars_before), bars_(request.bars) {
    if (max_rest_ >= 0)
      for (int program : request.programs) last_bar_[program] = bars_before;
  }

  void saw(const tokens::miditok::Token* token, int bar) {
    if (token && token->kind == TokenKind::Program) {
      auto last = last_bar_.find(token->value);
      if (last != last_bar_.end()) last->second = bar;
    }
  }

  // Narrows `allowed` (the grammar's mask) while an instrument is due; keeps it whole when
  // narrowing would leave nothing (the onset limit at the bar's last position).
  void steer(const RemiGrammar& grammar, std::vector<bool>& allowed) const {
    const auto state = grammar.state();
    if (state != RemiGrammar::State::AfterTimeSig && state != RemiGrammar::State::AfterPosition &&
        state != RemiGrammar::State::AfterTempo && state != RemiGrammar::State::AfterDuration)
      return;
    const int bar = grammar.bars();
    const bool last_bar = bar - bars_before_ >= bars_;
    std::set<int> due;
    for (const auto& [program, last] : last_bar_)
      if (bar - last > max_rest_ || (last_bar && last == bars_before_)) due.insert(program);
    if (due.empty()) return;
    std::vector<bool> narrowed = allowed;
    bool any = false;
    for (std::size_t id = 0; id < narrowed.size(); ++id) {
      if (!narrowed[id]) continue;
      const Token* t = grammar.token(static_cast<std::int64_t>(id));
      if (t->kind == TokenKind::Bar || (t->kind == TokenKind::Program && !due.count(t->value)))
        narrowed[id] = false;
      else
        any = true;
    }
    if (any) allowed = std::move(narrowed);
  }

 private:
  int max_rest_, bars_before_;
  std::int64_t bars_;
  std::map<int, int> last_bar_;  // asked program -> the bar of its last note
};

// Seconds of the bars closed so far, from the piece's TimeSig and Tempo tokens (4/4 at 120 BPM,
// the decoder's defaults, until the first of each); the tempo of a bar is the last one seen
// when it closes.
class PieceClock {
 public:
  void saw(const Token* token) {
    if (!token) return;
    if (token->kind == TokenKind::Bar) {
      if (open_) seconds_ += quarters_per_bar_ * 60.0 / bpm_;
      open_ = true;
    } else if (token->kind == TokenKind::TimeSig && token->extra > 0) {
      quarters_per_bar_ = token->value * 4.0 / token->extra;
    } else if (token->kind == TokenKind::Tempo) {
      bpm_ = tokens::miditok::default_config().tempos.at(static_cast<std::size_t>(token->value));
    }
  }
  // Seconds of every bar before the current one.
  double seconds() const { return seconds_; }

 private:
  double seconds_ = 0, quarters_per_bar_ = 4, bpm_ = 120;
  bool open_ = false;
};

Arrangement write_bars(TokenPredictor& predictor, const tokens::Vocab& vocab,
                       const ArrangeRequest& request, Sampler& sampler) {
  RemiGrammar grammar(vocab);
  Arrangement out;
  out.ids = request.prime;
  PieceClock clock;
  for (std::int64_t id : request.prime) {
    grammar.observe(id);
    clock.saw(grammar.token(id));
  }
  const double seconds_before = clock.seconds();
  const int bars_before = grammar.bars();
  Attendance attendance(request, bars_before);
  if (out.ids.empty()) {  // the bar's opening tokens the request fixes
    out.ids.push_back(id_of(vocab, {TokenKind::Bar}));
    grammar.accept(out.ids.back());
    clock.saw(grammar.token(out.ids.back()));
    if (request.time_signature) {
      out.ids.push_back(id_of(vocab, {TokenKind::TimeSig, request.time_signature->first,
                                      request.time_signature->second}));
      grammar.accept(out.ids.back());
      clock.saw(grammar.token(out.ids.back()));
      if (request.tempo) {
        out.ids.push_back(id_of(vocab, {TokenKind::Position, 0}));
        grammar.accept(out.ids.back());
      }
    }
  }
  if (request.time_signature) grammar.allow_time_signatures({*request.time_signature});
  grammar.allow_programs(request.programs);
  grammar.limit_notes_per_onset(kMaxNotesPerOnset);
  // A fixed tempo: written at the first onset (if the prime has none), never changed.
  bool tempo_pending = request.tempo.has_value() && request.prime.empty();
  if (request.tempo) grammar.allow_tempo_changes(false);
  const std::int64_t tempo_id =
      request.tempo ? id_of(vocab, {TokenKind::Tempo, *request.tempo}) : -1;

  // A new piece opens with a tempo, as real files do (MidiTok writes one at the first onset):
  // the model chooses which. Left to itself it almost never writes one there, since most
  // training windows start mid-piece where no tempo follows the bar, and the piece would
  // play at the decoder's 120 BPM whatever its genre.
  bool choose_tempo = !request.tempo.has_value() && request.prime.empty();

  std::vector<float> logits = predictor.start(out.ids);
  const std::int64_t most_bars = std::max<std::int64_t>(1, request.bars) *
                                 (request.min_seconds > 0 ? kMostBarsPerAskedBar : 1);
  const std::int64_t budget = kMaxTokensPerBar * most_bars;
  for (std::int64_t step = 0; step < budget; ++step) {
    std::vector<bool> allowed = grammar_mask(grammar, logits.size());
    attendance.steer(grammar, allowed);
    std::int64_t id;
    if (tempo_pending && grammar.state() == RemiGrammar::State::AfterPosition) {
      id = tempo_id;  // the asked tempo comes right after the first Position
      tempo_pending = false;
    } else if (choose_tempo && grammar.state() == RemiGrammar::State::AfterPosition) {
      for (std::size_t t = 0; t < allowed.size(); ++t) {
        const Token* token = grammar.token(static_cast<std::int64_t>(t));
        allowed[t] = allowed[t] && token && token->kind == TokenKind::Tempo;
      }
      id = draw(logits, allowed, request.sampling, sampler);
      ++out.generated;
      choose_tempo = false;
    } else {
      id = draw(logits, allowed, request.sampling, sampler);
      ++out.generated;
    }
    const Token* token = grammar.token(id);
    if (token && token->kind == TokenKind::Bar) {
      const std::int64_t written = grammar.bars() - bars_before;
      clock.saw(token);  // closes the bar
      const bool long_enough = clock.seconds() - seconds_before >= request.min_seconds;
      if (written >= most_bars || (written >= request.bars && long_enough))
        return out;  // the bar after the last one asked for: done
    } else {
      clock.saw(token);
    }
    if (id == tempo_id)
      grammar.observe(id);
    else
      grammar.accept(id);
    attendance.saw(token, grammar.bars());
    out.ids.push_back(id);
    logits = predictor.push(id);
  }
  // The budget ran out (the onset limit makes that impossible, but a piece must stay well
  // formed whatever happens): drop an unfinished note.
  while (!out.ids.empty()) {
    const Token* last = grammar.token(out.ids.back());
    if (!last || (last->kind != TokenKind::Program && last->kind != TokenKind::Pitch &&
                  last->kind != TokenKind::Velocity))
      break;
    out.ids.pop_back();
  }
  return out;
}

Arrangement add_part(TokenPredictor& predictor, const tokens::Vocab& vocab,
                     const ArrangeRequest& request, Sampler& sampler) {
  const std::vector<std::int64_t>& piece = request.prime;
  if (piece.empty()) throw std::invalid_argument("the piece to add a part to has no tokens");
  RemiGrammar grammar(vocab);
  const int program = *request.add_program;
  const std::int64_t program_id = id_of(vocab, {TokenKind::Program, program});
  for (std::int64_t id : piece)
    if (id == program_id)
      throw std::invalid_argument(
          "the piece already has a part for that instrument; its new "
          "notes could not be told from the old ones");
  grammar.allow_programs({program});
  grammar.limit_notes_per_onset(kMaxNotesPerOnset);

  Arrangement out;
  std::size_t next = 0;    // the piece's next token
  bool must_play = false;  // a new onset was written: the new part's note follows
  out.ids.push_back(piece[next++]);
  grammar.observe(out.ids.back());
  std::vector<float> logits = predictor.start(out.ids);
  while (next < piece.size()) {
    const std::int64_t forced = piece[next];
    const Token* f = grammar.token(forced);
    std::vector<bool> allowed(logits.size(), false);
    const auto state = grammar.state();
    const bool in_new_note = state == RemiGrammar::State::AfterProgram ||
                             state == RemiGrammar::State::AfterPitch ||
                             state == RemiGrammar::State::AfterVelocity;
    if (in_new_note && grammar.program() == program && !must_play) {
      allowed = grammar_mask(grammar, logits.size());  // finish the new note
    } else if (must_play) {
      allowed[static_cast<std::size_t>(program_id)] = true;
    } else {
      allowed[static_cast<std::size_t>(forced)] = true;
      const bool may_insert = f && (f->kind == TokenKind::Program ||
                                    f->kind == TokenKind::Position || f->kind == TokenKind::Bar);
      if (may_insert) {
        if (state == RemiGrammar::State::AfterPosition || state == RemiGrammar::State::AfterTempo ||
            state == RemiGrammar::State::AfterDuration)
          allowed[static_cast<std::size_t>(program_id)] = true;
        // A new onset before the piece's next one (in this bar).
        const int limit = f->kind == TokenKind::Position ? f->value
                          : f->kind == TokenKind::Bar    ? grammar.bar_positions()
                                                         : -1;
        if (state != RemiGrammar::State::AfterBar && state != RemiGrammar::State::AfterPosition)
          for (std::int64_t id : grammar.allowed_ids()) {
            const Token* t = grammar.token(id);
            if (t->kind == TokenKind::Position && t->value < limit)
              allowed[static_cast<std::size_t>(id)] = true;
          }
      }
    }
    const std::int64_t id = draw(logits, allowed, request.sampling, sampler);
    const Token* t = grammar.token(id);
    if (id == forced && !must_play && !(in_new_note && grammar.program() == program)) {
      ++next;
      grammar.observe(id);
    } else {
      ++out.generated;
      must_play = t && t->kind == TokenKind::Position;
      grammar.observe(id);
    }
    out.ids.push_back(id);
    logits = predictor.push(id);
  }
  return out;
}

}  // namespace

Arrangement arrange(TokenPredictor& predictor, const tokens::Vocab& vocab,
                    const ArrangeRequest& request, Sampler& sampler) {
  request.sampling.validate();
  if (request.bars < 1 || request.bars > 1024)
    throw std::invalid_argument("--bars must lie in [1, 1024], got " +
                                std::to_string(request.bars));
  for (int program : request.programs) id_of(vocab, {TokenKind::Program, program});
  if (request.time_signature)
    id_of(vocab,
          {TokenKind::TimeSig, request.time_signature->first, request.time_signature->second});
  if (request.add_program) return add_part(predictor, vocab, request, sampler);
  return write_bars(predictor, vocab, request, sampler);
}

}  // namespace cadenza::generate
