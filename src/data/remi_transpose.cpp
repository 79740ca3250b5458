#include "data/remi_transpose.h"

#include <algorithm>
#include <stdexcept>

#include "tokens/miditok_token.h"

namespace cadenza::data {

RemiTransposer::RemiTransposer(const tokens::Vocab& vocab, int min_shift, int max_shift)
    : min_shift_(min_shift), max_shift_(max_shift) {
  pitch_of_.assign(vocab.size(), -1);
  program_of_.assign(vocab.size(), -2);
  pitch_id_.assign(128, -1);
  bool any_program = false;
  for (std::size_t id = 0; id < vocab.size(); ++id) {
    auto token = tokens::miditok::parse_token(vocab.token(static_cast<std::int64_t>(id)));
    if (!token) continue;
    if (token->kind == tokens::miditok::TokenKind::Pitch && token->value >= 0 &&
        token->value < 128) {
      pitch_of_[id] = token->value;
      pitch_id_[static_cast<std::size_t>(token->value)] = static_cast<std::int64_t>(id);
      pitch_low_ = std::min(pitch_low_, token->value);
      pitch_high_ = std::max(pitch_high_, token->value);
    } else if (token->kind == tokens::miditok::TokenKind::Program) {
      program_of_[id] = token->value;
      any_program = true;
    }
  }
  if (pitch_high_ < 0 || !any_program)
    throw std::invalid_argument(
        "REMI transposition needs Pitch and Program tokens in the "
        "vocabulary");
}

std::vector<int> RemiTransposer::valid_shifts(const std::int64_t* ids, std::size_t count) const {
  int low = 128, high = -1;
  bool drums = false;
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = static_cast<std::size_t>(ids[i]);
    if (id >= pitch_of_.size()) continue;
    if (program_of_[id] >= -1) drums = program_of_[id] == -1;
    if (pitch_of_[id] >= 0 && !drums) {
      low = std::min(low, pitch_of_[id]);
      high = std::max(high, pitch_of_[id]);
    }
  }
  std::vector<int> shifts;
  for (int shift = min_shift_; shift <= max_shift_; ++shift)
    if (shift == 0 || high < 0 || (low + shift >= pitch_low_ && high + shift <= pitch_high_))
      shifts.push_back(shift);
  return shifts;
}

void RemiTransposer::transpose(std::int64_t* ids, std::size_t count, int semitones) const {
  bool drums = false;
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = static_cast<std::size_t>(ids[i]);
    if (id >= pitch_of_.size()) continue;
    if (program_of_[id] >= -1) drums = program_of_[id] == -1;
    if (pitch_of_[id] < 0 || drums) continue;
    const int moved = pitch_of_[id] + semitones;
    if (moved < 0 || moved > 127 || pitch_id_[static_cast<std::size_t>(moved)] < 0)
      throw std::out_of_range("REMI transposition moves pitch " + std::to_string(pitch_of_[id]) +
                              " out of the vocabulary");
    ids[i] = pitch_id_[static_cast<std::size_t>(moved)];
  }
}

int RemiTransposer::augment(std::int64_t* ids, std::size_t count, std::mt19937_64& rng) const {
  std::vector<int> shifts = valid_shifts(ids, count);
  const int shift = shifts[rng() % shifts.size()];
  if (shift != 0) transpose(ids, count, shift);
  return shift;
}

}  // namespace cadenza::data
