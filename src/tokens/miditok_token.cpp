#include "tokens/miditok_token.h"

#include <charconv>

namespace cadenza::tokens::miditok {
namespace {

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  if (text.empty()) return std::nullopt;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<int> find_duration(std::string_view text, const Config& config) {
  for (std::size_t i = 0; i < config.durations.size(); ++i)
    if (config.durations[i].text() == text) return static_cast<int>(i);
  return std::nullopt;
}

}  // namespace

std::string token_text(const Token& t, const Config& config) {
  switch (t.kind) {
    case TokenKind::Pad:
      return "PAD_None";
    case TokenKind::Bos:
      return "BOS_None";
    case TokenKind::Eos:
      return "EOS_None";
    case TokenKind::Mask:
      return "MASK_None";
    case TokenKind::Bar:
      return "Bar_None";
    case TokenKind::Position:
      return "Position_" + std::to_string(t.value);
    case TokenKind::TimeShift:
      return "TimeShift_" + config.durations.at(t.value).text();
    case TokenKind::Pitch:
      return "Pitch_" + std::to_string(t.value);
    case TokenKind::Velocity:
      return "Velocity_" + std::to_string(t.value);
    case TokenKind::Duration:
      return "Duration_" + config.durations.at(t.value).text();
    case TokenKind::Program:
      return "Program_" + std::to_string(t.value);
    case TokenKind::Tempo:
      return "Tempo_" + config.tempo_texts.at(t.value);
    case TokenKind::TimeSig:
      return "TimeSig_" + std::to_string(t.value) + "/" + std::to_string(t.extra);
  }
  return "PAD_None";
}

std::optional<Token> parse_token(std::string_view text, const Config& config) {
  const std::size_t underscore = text.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  const std::string_view type = text.substr(0, underscore);
  const std::string_view value = text.substr(underscore + 1);
  if (value.find('_') != std::string_view::npos) return std::nullopt;
  if (value == "None") {
    if (type == "PAD") return Token{TokenKind::Pad};
    if (type == "BOS") return Token{TokenKind::Bos};
    if (type == "EOS") return Token{TokenKind::Eos};
    if (type == "MASK") return Token{TokenKind::Mask};
    if (type == "Bar") return Token{TokenKind::Bar};
    return std::nullopt;
  }
  auto with_int = [&](TokenKind kind) -> std::optional<Token> {
    const auto v = parse_int(value);
    if (!v) return std::nullopt;
    return Token{kind, *v};
  };
  if (type == "Position") return with_int(TokenKind::Position);
  if (type == "Pitch") return with_int(TokenKind::Pitch);
  if (type == "Velocity") return with_int(TokenKind::Velocity);
  if (type == "Program") return with_int(TokenKind::Program);
  if (type == "Duration" || type == "TimeShift") {
    const auto index = find_duration(value, config);
    if (!index) return std::nullopt;
    return Token{type == "Duration" ? TokenKind::Duration : TokenKind::TimeShift, *index};
  }
  if (type == "Tempo") {
    for (std::size_t i = 0; i < config.tempo_texts.size(); ++i)
      if (config.tempo_texts[i] == value) return Token{TokenKind::Tempo, static_cast<int>(i)};
    return std::nullopt;
  }
  if (type == "TimeSig") {
    const std::size_t slash = value.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto n = parse_int(value.substr(0, slash));
    const auto d = parse_int(value.substr(slash + 1));
    if (!n || !d) return std::nullopt;
    return Token{TokenKind::TimeSig, *n, *d};
  }
  return std::nullopt;
}

}  // namespace cadenza::tokens::miditok
