#include "tokens/remi_grammar.h"

#include <limits>
#include <stdexcept>

namespace cadenza::tokens {

using miditok::Token;
using miditok::TokenKind;

int remi_bar_positions(int numerator, int denominator) { return 32 * numerator / denominator; }

RemiGrammar::RemiGrammar(const Vocab& vocab) {
  tokens_.resize(vocab.size());
  is_token_.assign(vocab.size(), false);
  for (std::size_t id = 0; id < vocab.size(); ++id)
    if (auto t = miditok::parse_token(vocab.token(static_cast<std::int64_t>(id)))) {
      tokens_[id] = *t;
      is_token_[id] = true;
    }
}

void RemiGrammar::allow_programs(std::set<int> programs) { programs_ = std::move(programs); }

void RemiGrammar::allow_time_signatures(std::set<std::pair<int, int>> signatures) {
  time_signatures_ = std::move(signatures);
}

const Token* RemiGrammar::token(std::int64_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= tokens_.size() ||
      !is_token_[static_cast<std::size_t>(id)])
    return nullptr;
  return &tokens_[static_cast<std::size_t>(id)];
}

bool RemiGrammar::allowed_token(const Token& t) const {
  const auto position_ok = [&] {
    return t.kind == TokenKind::Position && t.value > position_ && t.value < bar_positions_;
  };
  const auto program_ok = [&] {
    return t.kind == TokenKind::Program && (programs_.empty() || programs_.count(t.value) > 0) &&
           (max_notes_per_onset_ == 0 || notes_at_onset_ < max_notes_per_onset_);
  };
  switch (state_) {
    case State::Start:
      return t.kind == TokenKind::Bar;
    case State::AfterBar:
      return t.kind == TokenKind::TimeSig &&
             (time_signatures_.empty() || time_signatures_.count({t.value, t.extra}) > 0) &&
             remi_bar_positions(t.value, t.extra) > 0;
    case State::AfterTimeSig:
      return t.kind == TokenKind::Bar || position_ok();
    case State::AfterPosition:
      return (t.kind == TokenKind::Tempo && tempo_changes_) || program_ok();
    case State::AfterTempo:
    case State::AfterDuration:
      return t.kind == TokenKind::Bar || position_ok() || program_ok();
    case State::AfterProgram:
      return t.kind == TokenKind::Pitch;
    case State::AfterPitch:
      return t.kind == TokenKind::Velocity;
    case State::AfterVelocity:
      return t.kind == TokenKind::Duration;
  }
  return false;
}

bool RemiGrammar::allows(std::int64_t id) const {
  const Token* t = token(id);
  return t && allowed_token(*t);
}

void RemiGrammar::mask(std::vector<float>& logits) const {
  for (std::size_t id = 0; id < logits.size(); ++id)
    if (!allows(static_cast<std::int64_t>(id)))
      logits[id] = -std::numeric_limits<float>::infinity();
}

std::vector<std::int64_t> RemiGrammar::allowed_ids() const {
  std::vector<std::int64_t> ids;
  for (std::size_t id = 0; id < tokens_.size(); ++id)
    if (allows(static_cast<std::int64_t>(id))) ids.push_back(static_cast<std::int64_t>(id));
  return ids;
}

void RemiGrammar::accept(std::int64_t id) {
  if (!allows(id)) {
    const Token* t = token(id);
    throw std::invalid_argument(
        "REMI grammar: " + (t ? "token " + miditok::token_text(*t) : "id " + std::to_string(id)) +
        " may not come here");
  }
  observe(id);
}

void RemiGrammar::observe(std::int64_t id) {
  const Token* t = token(id);
  if (!t) return;
  switch (t->kind) {
    case TokenKind::Bar:
      ++bars_;
      position_ = -1;
      notes_at_onset_ = 0;
      state_ = State::AfterBar;
      break;
    case TokenKind::TimeSig:
      if (remi_bar_positions(t->value, t->extra) > 0)
        bar_positions_ = remi_bar_positions(t->value, t->extra);
      state_ = State::AfterTimeSig;
      break;
    case TokenKind::Position:
      position_ = t->value;
      notes_at_onset_ = 0;
      state_ = State::AfterPosition;
      break;
    case TokenKind::Tempo:
      state_ = State::AfterTempo;
      break;
    case TokenKind::Program:
      program_ = t->value;
      ++notes_at_onset_;
      state_ = State::AfterProgram;
      break;
    case TokenKind::Pitch:
      state_ = State::AfterPitch;
      break;
    case TokenKind::Velocity:
      state_ = State::AfterVelocity;
      break;
    case TokenKind::Duration:
      state_ = State::AfterDuration;
      break;
    default:
      break;
  }
}

}  // namespace cadenza::tokens
