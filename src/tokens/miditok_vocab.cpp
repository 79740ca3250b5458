#include "tokens/miditok_vocab.h"

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>
#include <utility>

#include "common/atomic_file.h"

namespace cadenza::tokens::miditok {

const char* scheme_name(Scheme scheme) { return scheme == Scheme::Remi ? "REMI" : "TSD"; }

MidiTokVocab::MidiTokVocab(Scheme scheme, const Config& config) : scheme_(scheme), config_(config) {
  auto add = [&](Token t) { tokens_.push_back(t); };
  add({TokenKind::Pad});
  add({TokenKind::Bos});
  add({TokenKind::Eos});
  add({TokenKind::Mask});
  if (scheme == Scheme::Remi) add({TokenKind::Bar});
  for (int p = config.pitch_low; p < config.pitch_high; ++p) add({TokenKind::Pitch, p});
  for (int v : config.velocities) add({TokenKind::Velocity, v});
  const int durations = static_cast<int>(config.durations.size());
  for (int i = 0; i < durations; ++i) add({TokenKind::Duration, i});
  if (scheme == Scheme::Remi) {
    for (int i = 0; i < config.remi_positions; ++i) add({TokenKind::Position, i});
  } else {
    for (int i = 0; i < durations; ++i) add({TokenKind::TimeShift, i});
  }
  for (int i = 0; i < static_cast<int>(config.tempos.size()); ++i) add({TokenKind::Tempo, i});
  for (int p = config.program_low; p <= config.program_high; ++p) add({TokenKind::Program, p});
  for (const auto& ts : config.time_signatures) add({TokenKind::TimeSig, ts.first, ts.second});
  const std::size_t kinds = static_cast<std::size_t>(TokenKind::TimeSig) + 1;
  first_id_.assign(kinds, -1);
  first_value_.assign(kinds, 0);
  count_.assign(kinds, 0);
  velocity_id_.assign(128, -1);
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    const auto k = static_cast<std::size_t>(t.kind);
    if (first_id_[k] < 0) {
      first_id_[k] = static_cast<int>(i);
      first_value_[k] = t.value;
    }
    ++count_[k];
    if (t.kind == TokenKind::Velocity)
      velocity_id_[static_cast<std::size_t>(t.value)] = static_cast<int>(i);
    texts_.push_back(token_text(t, config_));
  }
}

std::optional<int> MidiTokVocab::id(const Token& token) const {
  const auto k = static_cast<std::size_t>(token.kind);
  if (k >= first_id_.size() || first_id_[k] < 0) return std::nullopt;
  switch (token.kind) {
    case TokenKind::Velocity:
      if (token.value < 0 || token.value >= 128 || velocity_id_[token.value] < 0)
        return std::nullopt;
      return velocity_id_[token.value];
    case TokenKind::TimeSig:
      for (int i = 0; i < count_[k]; ++i)
        if (tokens_[first_id_[k] + i] == token) return first_id_[k] + i;
      return std::nullopt;
    case TokenKind::Pad:
    case TokenKind::Bos:
    case TokenKind::Eos:
    case TokenKind::Mask:
    case TokenKind::Bar:
      return first_id_[k];
    default: {
      const long offset = static_cast<long>(token.value) - first_value_[k];
      if (offset < 0 || offset >= count_[k]) return std::nullopt;
      return first_id_[k] + static_cast<int>(offset);
    }
  }
}

namespace {

// Just enough JSON to write what Python's json.dump(indent=4) writes for MidiTok's parameters.
struct Json {
  enum class Type { Null, Bool, Int, String, Array, Object } type = Type::Null;
  bool boolean = false;
  long long integer = 0;
  std::string string;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  static Json null() { return {}; }
  static Json of(bool b) {
    Json j;
    j.type = Type::Bool;
    j.boolean = b;
    return j;
  }
  static Json of(long long i) {
    Json j;
    j.type = Type::Int;
    j.integer = i;
    return j;
  }
  static Json of(const std::string& s) {
    Json j;
    j.type = Type::String;
    j.string = s;
    return j;
  }
  static Json array(const std::vector<long long>& values) {
    Json j;
    j.type = Type::Array;
    for (long long v : values) j.items.push_back(of(v));
    return j;
  }
  static Json strings(const std::vector<std::string>& values) {
    Json j;
    j.type = Type::Array;
    for (const auto& v : values) j.items.push_back(of(v));
    return j;
  }
  static Json object() {
    Json j;
    j.type = Type::Object;
    return j;
  }
  Json& set(const std::string& name, Json value) {
    members.emplace_back(name, std::move(value));
    return *this;
  }
};

void write_string(std::ostream& out, const std::string& s) {
  out << '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out << '\\' << c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char hex[] = "0123456789abcdef";
      out << "\\u00" << hex[(c >> 4) & 0xF] << hex[c & 0xF];
    } else {
      out << c;
    }
  }
  out << '"';
}

void write_json(std::ostream& out, const Json& j, int indent) {
  const std::string pad(static_cast<std::size_t>(indent + 4), ' ');
  const std::string close(static_cast<std::size_t>(indent), ' ');
  switch (j.type) {
    case Json::Type::Null:
      out << "null";
      break;
    case Json::Type::Bool:
      out << (j.boolean ? "true" : "false");
      break;
    case Json::Type::Int:
      out << j.integer;
      break;
    case Json::Type::String:
      write_string(out, j.string);
      break;
    case Json::Type::Array:
      if (j.items.empty()) {
        out << "[]";
        break;
      }
      out << "[\n";
      for (std::size_t i = 0; i < j.items.size(); ++i) {
        out << pad;
        write_json(out, j.items[i], indent + 4);
        out << (i + 1 < j.items.size() ? ",\n" : "\n");
      }
      out << close << ']';
      break;
    case Json::Type::Object:
      if (j.members.empty()) {
        out << "{}";
        break;
      }
      out << "{\n";
      for (std::size_t i = 0; i < j.members.size(); ++i) {
        out << pad;
        write_string(out, j.members[i].first);
        out << ": ";
        write_json(out, j.members[i].second, indent + 4);
        out << (i + 1 < j.members.size() ? ",\n" : "\n");
      }
      out << close << '}';
      break;
  }
}

Json config_json(Scheme scheme, const Config& c) {
  Json beat_res = Json::object();
  beat_res.set("0_4", Json::of(8LL)).set("4_12", Json::of(4LL));
  Json beat_res_rest = Json::object();
  beat_res_rest.set("0_1", Json::of(8LL)).set("1_2", Json::of(4LL)).set("2_12", Json::of(2LL));
  Json chords = Json::object();
  const std::vector<std::pair<std::string, std::vector<long long>>> chord_maps = {
      {"min", {0, 3, 7}},          {"maj", {0, 4, 7}},         {"dim", {0, 3, 6}},
      {"aug", {0, 4, 8}},          {"sus2", {0, 2, 7}},        {"sus4", {0, 5, 7}},
      {"7dom", {0, 4, 7, 10}},     {"7min", {0, 3, 7, 10}},    {"7maj", {0, 4, 7, 11}},
      {"7halfdim", {0, 3, 6, 10}}, {"7dim", {0, 3, 6, 9}},     {"7aug", {0, 4, 8, 11}},
      {"9maj", {0, 4, 7, 10, 14}}, {"9min", {0, 4, 7, 10, 13}}};
  for (const auto& chord : chord_maps) chords.set(chord.first, Json::array(chord.second));
  // time_signature_range: denominators in first-seen order, numerators in config order.
  Json ts_range = Json::object();
  std::vector<int> denominators;
  for (const auto& ts : c.time_signatures)
    if (std::find(denominators.begin(), denominators.end(), ts.second) == denominators.end())
      denominators.push_back(ts.second);
  for (int d : denominators) {
    std::vector<long long> numerators;
    for (const auto& ts : c.time_signatures)
      if (ts.second == d) numerators.push_back(ts.first);
    ts_range.set(std::to_string(d), Json::array(numerators));
  }
  std::vector<long long> programs;
  for (int p = c.program_low; p <= c.program_high; ++p) programs.push_back(p);
  Json additional = Json::object();
  if (scheme == Scheme::Remi) additional.set("max_bar_embedding", Json::null());

  Json config = Json::object();
  config.set("pitch_range", Json::array({c.pitch_low, c.pitch_high}))
      .set("beat_res", beat_res)
      .set("num_velocities", Json::of(static_cast<long long>(c.velocities.size())))
      .set("special_tokens", Json::strings({"PAD", "BOS", "EOS", "MASK"}))
      .set("use_chords", Json::of(false))
      .set("use_rests", Json::of(false))
      .set("use_tempos", Json::of(true))
      .set("use_time_signatures", Json::of(true))
      .set("use_sustain_pedals", Json::of(false))
      .set("use_pitch_bends", Json::of(false))
      .set("use_programs", Json::of(true))
      .set("use_pitch_intervals", Json::of(false))
      .set("beat_res_rest", beat_res_rest)
      .set("chord_maps", chords)
      .set("chord_tokens_with_root_note", Json::of(false))
      .set("chord_unknown", Json::null())
      .set("num_tempos", Json::of(static_cast<long long>(c.tempos.size())))
      .set("tempo_range", Json::array({40, 250}))
      .set("log_tempos", Json::of(false))
      .set("delete_equal_successive_tempo_changes", Json::of(false))
      .set("time_signature_range", ts_range)
      .set("delete_equal_successive_time_sig_changes", Json::of(false))
      .set("sustain_pedal_duration", Json::of(false))
      .set("pitch_bend_range", Json::array({-8192, 8191, 32}))
      .set("programs", Json::array(programs))
      .set("one_token_stream_for_programs", Json::of(true))
      .set("program_changes", Json::of(false))
      .set("max_pitch_interval", Json::of(16LL))
      .set("pitch_intervals_max_time_dist", Json::of(1LL))
      .set("additional_params", additional);
  return config;
}

}  // namespace

void MidiTokVocab::save_json(const std::filesystem::path& path,
                             const std::vector<std::string>& extension_tokens) const {
  Json root = Json::object();
  root.set("config", config_json(scheme_, config_))
      .set("one_token_stream", Json::of(true))
      .set("has_bpe", Json::of(false))
      .set("tokenization", Json::of(std::string(scheme_name(scheme_))))
      .set("miditok_version", Json::of(std::string("2.1.8")))
      .set("vocab_size", Json::of(static_cast<long long>(size())));
  if (!extension_tokens.empty())
    root.set("cadenza_extension_tokens", Json::strings(extension_tokens));
  std::ostringstream text;
  write_json(text, root, 0);
  write_file_atomically(path, text.str());
}

}  // namespace cadenza::tokens::miditok
