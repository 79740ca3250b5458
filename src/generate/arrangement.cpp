#include "generate/arrangement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "common/error.h"
#include "generate/arranger.h"
#include "generate/generator.h"
#include "generate/genre_choice.h"
#include "generate/genre_guidance.h"
#include "midi/gm_programs.h"
#include "midi/truncation.h"
#include "model/vae_model.h"
#include "tokens/miditok_decoder.h"
#include "tokens/miditok_tokenizer.h"
#include "tokens/remi_corpus.h"

namespace cadenza::generate {
namespace {

namespace miditok = tokens::miditok;

std::pair<int, int> parse_time_signature(const std::string& text) {
  int numerator = 0, denominator = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &numerator, &slash, &denominator, &extra) != 3 ||
      slash != '/' || !miditok::default_config().supports_time_signature(numerator, denominator)) {
    std::string valid;
    for (const auto& [n, d] : miditok::default_config().time_signatures)
      valid += (valid.empty() ? "" : ", ") + std::to_string(n) + "/" + std::to_string(d);
    throw std::invalid_argument("--time-signature '" + text +
                                "': not one the REMI vocabulary has (" + valid + ")");
  }
  return {numerator, denominator};
}

// The prime's REMI ids; every token must be one of the model's.
std::vector<std::int64_t> read_remi_prime(const fs::path& path, const tokens::Vocab& vocab) {
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    throw std::runtime_error(path.string() + ": no such MIDI file");
  midi::check_not_truncated(path);
  const miditok::Tokenization tokenized = miditok::tokenize_file(path, miditok::Scheme::Remi);
  if (tokenized.notes_kept == 0)
    throw std::runtime_error(path.string() + ": the file has no notes");
  std::vector<std::int64_t> ids;
  for (const std::string& text : miditok::token_texts(tokenized.tokens)) {
    auto id = vocab.find(text);
    if (!id)
      throw std::runtime_error(
          path.string() + ": its token " + text + " is not in the model's REMI vocabulary (" +
          (tokenized.refusals.empty() ? std::string("?") : tokenized.refusals.front()) + ")");
    ids.push_back(*id);
  }
  return ids;
}

// "Drums 98, Acoustic Grand Piano 464, ..." by note count, the six most played and the rest
// counted.
std::string describe_programs(const score::Score& score) {
  std::map<int, std::size_t> notes;
  for (const auto& note : score.notes) ++notes[note.is_drum() ? -1 : note.program];
  std::vector<std::pair<std::size_t, int>> by_count;
  for (const auto& [program, count] : notes) by_count.emplace_back(count, program);
  std::sort(by_count.rbegin(), by_count.rend());
  std::string text;
  for (std::size_t i = 0; i < by_count.size() && i < 6; ++i)
    text += (text.empty() ? "" : ", ") + std::string(midi::gm_program_name(by_count[i].second)) +
            " " + std::to_string(by_count[i].first);
  if (by_count.size() > 6) text += " and " + std::to_string(by_count.size() - 6) + " more parts";
  return text.empty() ? "no notes" : text + " notes";
}

// The condition of a genre model (tokens/remi_corpus.h): its genre token for `asked`, or for
// jazz (else its first genre) when none is asked. A model without genres takes no --genre.
std::vector<std::int64_t> genre_condition(const model::LoadedModel& loaded,
                                          const std::optional<std::string>& asked,
                                          const fs::path& model_path,
                                          std::vector<std::string>& notes) {
  const std::vector<std::string> genres = tokens::vocab_genres(loaded.vocab);
  if (genres.empty()) {
    if (asked)
      throw std::invalid_argument("--genre " + *asked + ": " + model_path.string() +
                                  " has no genre tokens (train a genre model on a corpus "
                                  "tokenized with --genre: docs/genre.md)");
    return {};
  }
  std::string known;
  for (const auto& genre : genres) known += (known.empty() ? "" : ", ") + genre;
  const std::string genre = asked.value_or(default_genre(genres));
  if (std::find(genres.begin(), genres.end(), genre) == genres.end())
    throw std::invalid_argument("--genre " + genre + ": not a genre of " + model_path.string() +
                                " (" + known + ")");
  notes.push_back("genre " + genre + (asked ? "" : " (the default; --genre " + known + ")"));
  return {loaded.vocab.id(tokens::genre_token(genre))};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The arranger's request for `a` (the prime aside), and what is worth telling about it.
ArrangeRequest arrange_request(const ArrangementOptions& a, const SamplingOptions& sampling,
                               std::vector<std::string>& notes) {
  ArrangeRequest request;
  request.bars = a.bars;
  request.min_seconds = a.min_seconds;
  request.sampling = sampling;
  for (const std::string& name : a.instruments)
    request.programs.insert(midi::program_from_name(name));
  if (a.tempo) {
    if (!(std::isfinite(*a.tempo) && *a.tempo >= 10 && *a.tempo <= 400))
      throw std::invalid_argument("--tempo must lie in [10, 400] beats per minute");
    request.tempo = miditok::default_config().quantize_tempo(*a.tempo);
    const double used = miditok::default_config().tempos[static_cast<std::size_t>(*request.tempo)];
    if (std::abs(used - *a.tempo) > 0.01) {
      char note[160];
      std::snprintf(note, sizeof note, "tempo %.2f bpm: the nearest of REMI's 32 tempos", used);
      notes.push_back(note);
    }
  }
  if (a.time_signature) request.time_signature = parse_time_signature(*a.time_signature);
  return request;
}

// The predictor of the pieces: under the genre's `condition` (if any), and with genre guidance
// of weight `asked` (genre_guidance.h; by default kGenreModelGuidance for a genre model): one
// predictor per genre of the model then.
std::unique_ptr<TokenPredictor> arrangement_predictor(model::LoadedModel& loaded,
                                                      std::vector<std::int64_t> condition,
                                                      std::optional<double> asked,
                                                      std::vector<std::string>& notes) {
  const std::int64_t bar_id = loaded.vocab.find("Bar_None").value_or(-1);
  if (asked && !(std::isfinite(*asked) && *asked >= 0))
    throw std::invalid_argument("--genre-guidance must be a number >= 0");
  const double guidance = asked.value_or(condition.empty() ? 0 : kGenreModelGuidance);
  if (guidance == 0) return make_token_predictor(loaded, bar_id, std::move(condition));
  if (condition.empty())
    throw std::invalid_argument(
        "--genre-guidance: the model has no genre tokens (an option of genre models: "
        "docs/genre.md)");
  std::vector<std::unique_ptr<TokenPredictor>> per_genre;
  std::size_t written = 0;  // the index of the genre to write
  for (const std::string& genre : tokens::vocab_genres(loaded.vocab)) {
    const std::int64_t id = loaded.vocab.id(tokens::genre_token(genre));
    if (id == condition.front()) written = per_genre.size();
    per_genre.push_back(make_token_predictor(loaded, bar_id, {id}));
  }
  char note[96];
  std::snprintf(note, sizeof note, "genre guidance %.2f%s", guidance,
                asked ? "" : " (a genre model's default; --genre-guidance 0 for none)");
  notes.push_back(note);
  return make_genre_guided_predictor(std::move(per_genre), written, guidance);
}

// Decodes what arrange() wrote; a skipped token is a bug (the grammar exists to prevent it).
ArrangedPiece decoded_piece(const Arrangement& piece, const tokens::Vocab& vocab) {
  ArrangedPiece arranged;
  arranged.generated = piece.generated;
  arranged.tokens = vocab.decode(piece.ids);
  const miditok::DecodedPiece decoded = miditok::decode(arranged.tokens, miditok::Scheme::Remi);
  if (decoded.skipped_count() > 0) {
    std::string reasons;
    for (const auto& [reason, count] : decoded.skipped)
      reasons += (reasons.empty() ? "" : "; ") + reason + " (" + std::to_string(count) + ")";
    throw Bug("generate: the decoder skipped " + std::to_string(decoded.skipped_count()) +
              " tokens of a piece written under REMI's grammar: " + reasons);
  }
  arranged.score = miditok::to_score(decoded);
  return arranged;
}

}  // namespace

void arrange_pieces(const ComposeOptions& options, model::LoadedModel& loaded,
                    const std::function<void(ArrangedPiece)>& take,
                    std::vector<std::string>& notes) {
  const ArrangementOptions& a = options.arrangement;
  if (options.from_prior)
    throw std::invalid_argument("--from-prior: a REMI model starts from nothing or from --prime");
  ArrangeRequest request = arrange_request(a, options.generation.sampling, notes);
  if (a.add_part) {
    if (!options.prime) throw std::invalid_argument("--add-part needs the piece: --to FILE.mid");
    request.add_program = midi::program_from_name(*a.add_part);
    if (!a.instruments.empty())
      throw std::invalid_argument("--add-part writes one instrument; leave out --instruments");
  }
  if (options.prime) {
    request.prime = read_remi_prime(*options.prime, loaded.vocab);
    notes.push_back(
        (a.add_part ? "adding a part for " +
                          std::string(midi::gm_program_name(*request.add_program)) + " to "
                    : std::string("continuing ")) +
        options.prime->string() + " (" + std::to_string(request.prime.size()) + " REMI tokens)");
  }

  std::vector<std::int64_t> condition =
      genre_condition(loaded, a.genre, options.source.checkpoint, notes);
  if (!condition.empty() && options.generation.default_temperature) {
    request.sampling.temperature = kGenreModelTemperature;
    notes.push_back("temperature " + std::to_string(kGenreModelTemperature).substr(0, 3) +
                    " (a genre model's default; --temperature to change it)");
  }
  std::unique_ptr<TokenPredictor> predictor =
      arrangement_predictor(loaded, std::move(condition), a.genre_guidance, notes);
  Sampler sampler(options.seed);
  for (std::size_t i = 0; i < options.count; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const Arrangement piece = arrange(*predictor, loaded.vocab, request, sampler);
    const double seconds = seconds_since(start);
    ArrangedPiece arranged = decoded_piece(piece, loaded.vocab);
    arranged.seconds = seconds;
    take(std::move(arranged));
  }
}

ComposeResult compose_arrangement(const ComposeOptions& options, model::LoadedModel& loaded) {
  ComposeResult result;
  std::size_t i = 0;
  const auto write = [&](ArrangedPiece piece) {
    result.seconds_generating += piece.seconds;
    const fs::path path = numbered_path(options.output, i++, options.count);
    result.written.push_back(write_score_piece(piece.score, piece.tokens, path, options.piece));
    result.notes.push_back(path.filename().string() + ": " + std::to_string(piece.generated) +
                           " tokens generated; " + describe_programs(piece.score));
  };
  arrange_pieces(options, loaded, write, result.notes);
  return result;
}

ComposeResult interpolate_arrangement(const InterpolateOptions& options, model::LoadedModel& loaded,
                                      const std::vector<fs::path>& paths) {
  const ArrangementOptions& a = options.arrangement;
  if (a.add_part || a.genre)
    throw std::invalid_argument("interpolate writes new pieces: no --add-part or --genre");
  if (options.generation.fast)
    throw std::invalid_argument("--fast: a REMI model generates token by token with its own cache");
  ComposeResult result;
  const ArrangeRequest request = arrange_request(a, options.generation.sampling, result.notes);
  // Each end's latent: mu of its first window (the model's training length).
  model::VaeModelImpl& net = *loaded.model;
  const auto first_window = [&](const fs::path& file) {
    Ids ids = read_remi_prime(file, loaded.vocab);
    if (static_cast<std::int64_t>(ids.size()) > net.config().window)
      ids.resize(static_cast<std::size_t>(net.config().window));
    result.notes.push_back(file.string() + ": the latent of its first " +
                           std::to_string(ids.size()) + " REMI tokens");
    return ids;
  };
  const Ids window_a = first_window(options.a), window_b = first_window(options.b);
  const torch::Tensor mu_a = encode_means(net, {window_a}).reshape({-1}).contiguous();
  const torch::Tensor mu_b = encode_means(net, {window_b}).reshape({-1}).contiguous();
  char distance[96];
  std::snprintf(distance, sizeof distance, "latent distance |mu_b - mu_a| = %.4g",
                (mu_b - mu_a).norm().item<double>());
  result.notes.push_back(distance);
  const auto steps = static_cast<int>(paths.size());
  for (int i = 0; i < steps; ++i) {
    const double t = static_cast<double>(i) / (steps - 1);
    const torch::Tensor z = (mu_a * (1 - t) + mu_b * t).contiguous();
    const std::vector<float> latent(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
    std::unique_ptr<TokenPredictor> predictor = make_latent_predictor(loaded, latent);
    Sampler sampler(options.seed);  // the same draws at every step: pieces differ through z
    const auto start = std::chrono::steady_clock::now();
    const Arrangement piece = arrange(*predictor, loaded.vocab, request, sampler);
    result.seconds_generating += seconds_since(start);
    const ArrangedPiece arranged = decoded_piece(piece, loaded.vocab);
    if (i == 0) fs::create_directories(paths.front().parent_path());
    result.written.push_back(write_score_piece(arranged.score, arranged.tokens,
                                               paths[static_cast<std::size_t>(i)], options.piece));
    char line[64];
    std::snprintf(line, sizeof line, " (t = %.2f): ", t);
    result.notes.push_back(paths[static_cast<std::size_t>(i)].filename().string() + line +
                           std::to_string(arranged.generated) + " tokens generated; " +
                           describe_programs(arranged.score));
  }
  return result;
}

}  // namespace cadenza::generate
