#include "serve/requests.h"

#include <cmath>
#include <initializer_list>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <vector>

namespace cadenza::serve {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& message) { throw HttpError(400, message); }

void only_fields(const json& body, std::initializer_list<const char*> allowed) {
  const std::set<std::string> names(allowed.begin(), allowed.end());
  for (const auto& item : body.items())
    if (!names.count(item.key())) {
      std::string list;
      for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
      bad("unknown field '" + item.key().substr(0, 64) + "' (expected some of: " + list + ")");
    }
}

// 0.5 -> "0.5", 5.0 -> "5".
std::string shortest(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// The field when present and not null.
const json* field(const json& body, const char* name) {
  const auto found = body.find(name);
  return found == body.end() || found->is_null() ? nullptr : &*found;
}

std::optional<double> number(const json& body, const char* name, double low, double high) {
  const json* value = field(body, name);
  if (!value) return std::nullopt;
  if (!value->is_number() || !std::isfinite(value->get<double>()) || value->get<double>() < low ||
      value->get<double>() > high)
    bad(std::string(name) + ": expected a number from " + shortest(low) + " to " + shortest(high));
  return value->get<double>();
}

std::optional<std::int64_t> integer(const json& body, const char* name, std::int64_t low,
                                    std::int64_t high) {
  const json* value = field(body, name);
  if (!value) return std::nullopt;
  const std::string range =
      ": expected a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  std::int64_t n = 0;
  if (value->is_number_unsigned()) {
    if (value->get<std::uint64_t>() > std::uint64_t(high)) bad(name + range);
    n = std::int64_t(value->get<std::uint64_t>());
  } else if (value->is_number_integer()) {
    n = value->get<std::int64_t>();
  } else if (value->is_number_float() && std::floor(value->get<double>()) == value->get<double>() &&
             std::fabs(value->get<double>()) < 9e15) {
    n = std::int64_t(value->get<double>());
  } else {
    bad(name + range);
  }
  if (n < low || n > high) bad(name + range);
  return n;
}

std::optional<std::string> text(const json& body, const char* name, std::size_t max_length) {
  const json* value = field(body, name);
  if (!value) return std::nullopt;
  if (!value->is_string()) bad(std::string(name) + ": expected a string");
  const std::string& s = value->get_ref<const std::string&>();
  if (s.size() > max_length)
    bad(std::string(name) + ": longer than " + std::to_string(max_length) + " characters");
  for (const unsigned char c : s)
    if (c < 0x20 || c == 0x7f) bad(std::string(name) + ": control characters are not allowed");
  return s;
}

bool is_hex_id(const std::string& s) {
  if (s.size() != 32) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

PieceRef piece(const json& body, const char* name) {
  const json* value = field(body, name);
  if (!value) bad(std::string(name) + ": required ({\"job\": id, \"file\": name})");
  if (!value->is_object()) bad(std::string(name) + ": expected {\"job\": id, \"file\": name}");
  for (const auto& item : value->items())
    if (item.key() != "job" && item.key() != "file")
      bad(std::string(name) + ": unknown field '" + item.key().substr(0, 64) + "'");
  PieceRef ref;
  ref.job = text(*value, "job", 64).value_or("");
  ref.file = text(*value, "file", 128).value_or("");
  if (!is_hex_id(ref.job)) bad(std::string(name) + ".job: expected a job id (32 hex digits)");
  if (ref.file.empty()) bad(std::string(name) + ".file: expected a file name of that job");
  return ref;
}

std::uint64_t seed_of(const json& body) {
  const auto seed = integer(body, "seed", 0, (std::int64_t{1} << 53) - 1);  // exact in JS
  if (seed && *seed > 0) return std::uint64_t(*seed);
  std::random_device device;
  return ((std::uint64_t{device()} << 32) ^ device()) & ((std::uint64_t{1} << 53) - 1);
}

void read_generation(const json& body, generate::GenerationOptions& generation) {
  if (auto v = integer(body, "length", 1, 4096)) generation.length = *v;
  if (auto v = number(body, "temperature", 0, 5)) generation.sampling.temperature = *v;
  if (auto v = integer(body, "top_k", 0, 100000)) generation.sampling.top_k = int(*v);
  if (auto v = number(body, "top_p", 0, 1)) {
    if (*v <= 0) bad("top_p: expected a number above 0 and at most 1");
    generation.sampling.top_p = *v;
  }
}

std::string model_of(const json& body) { return text(body, "model", 255).value_or(""); }

}  // namespace

json parse_json_object(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) bad("the body is not valid JSON");
  if (!parsed.is_object()) bad("the body must be a JSON object");
  return parsed;
}

ComposeRequest parse_compose_request(const json& body, ComposeKind kind) {
  switch (kind) {
    case ComposeKind::kGenerate:
      only_fields(body, {"model", "instruments", "bars", "tempo", "time_signature", "length",
                         "temperature", "top_k", "top_p", "seed", "genre"});
      break;
    case ComposeKind::kContinue:
      only_fields(body, {"model", "source", "bars", "tempo", "length", "temperature", "top_k",
                         "top_p", "seed", "genre"});
      break;
    case ComposeKind::kAddPart:
      only_fields(body, {"model", "source", "instrument", "bars", "length", "temperature", "top_k",
                         "top_p", "seed", "genre"});
      break;
  }
  ComposeRequest request;
  request.model = model_of(body);
  generate::ComposeOptions& options = request.options;
  if (kind != ComposeKind::kGenerate) request.source = piece(body, "source");
  read_generation(body, options.generation);
  options.seed = seed_of(body);
  // Arrangement fields reach the model only when asked for: a paper-token model refuses any.
  generate::ArrangementOptions& arrangement = options.arrangement;
  if (auto v = integer(body, "bars", 1, 256)) arrangement.bars = *v;
  if (auto v = number(body, "tempo", 20, 300)) arrangement.tempo = *v;
  if (auto v = text(body, "time_signature", 8)) {
    if (!v->empty()) arrangement.time_signature = *v;
  }
  if (const json* instruments = field(body, "instruments")) {
    if (!instruments->is_array() || instruments->size() > 16)
      bad("instruments: expected a list of at most 16 General MIDI instrument names");
    for (const json& name : *instruments) {
      if (!name.is_string() || name.get_ref<const std::string&>().empty() ||
          name.get_ref<const std::string&>().size() > 64)
        bad("instruments: expected a list of instrument names (strings of 1-64 characters)");
      arrangement.instruments.push_back(name.get<std::string>());
    }
  }
  if (kind == ComposeKind::kAddPart) {
    arrangement.add_part = text(body, "instrument", 64);
    if (!arrangement.add_part || arrangement.add_part->empty())
      bad("instrument: required (the General MIDI instrument of the part to add)");
  }
  // A genre model's genre (the server checks it against the model's); "" is none.
  if (auto genre = text(body, "genre", 64); genre && !genre->empty()) arrangement.genre = *genre;
  // As `generate` without --temperature: a genre model then samples at its own default.
  options.generation.default_temperature = field(body, "temperature") == nullptr;
  return request;
}

InterpolateRequest parse_interpolate_request(const json& body) {
  only_fields(body,
              {"model", "a", "b", "steps", "length", "temperature", "top_k", "top_p", "seed"});
  InterpolateRequest request;
  request.model = model_of(body);
  request.a = piece(body, "a");
  request.b = piece(body, "b");
  if (auto v = integer(body, "steps", 2, 16)) request.options.steps = int(*v);
  read_generation(body, request.options.generation);
  request.options.seed = seed_of(body);
  return request;
}

PieceRef parse_genre_request(const json& body) {
  only_fields(body, {"source"});
  return piece(body, "source");
}

}  // namespace cadenza::serve
