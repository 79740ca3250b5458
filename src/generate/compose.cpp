#include "generate/compose.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "common/limits.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "common/threads.h"
#include "eval/laziness.h"
#include "generate/arrangement.h"
#include "generate/generator.h"
#include "model/device.h"
#include "model/threads.h"
#include "model/vae_model.h"
#include "tokens/tokenizer.h"

namespace cadenza::generate {
namespace {

struct Session {
  model::LoadedModel loaded;
  std::optional<fs::path> corpus;
  double validation_fraction = 0.1;
};

Session open_session(const ModelSource& source) {
  std::error_code error;
  if (fs::is_directory(source.checkpoint, error))
    throw std::runtime_error(source.checkpoint.string() +
                             ": is a folder, expected a checkpoint file (.cdz)");
  if (!fs::is_regular_file(source.checkpoint, error))
    throw std::runtime_error(source.checkpoint.string() + ": no such checkpoint file");
  model::set_compute_threads(source.threads, source.threads);
  Session session;
  session.loaded = model::load_model(source.checkpoint, model::parse_device(source.device));
  session.corpus = source.corpus ? source.corpus : checkpoint_corpus(source.checkpoint);
  session.validation_fraction = checkpoint_validation_fraction(source.checkpoint);
  return session;
}

CorpusSplit open_corpus(const Session& session, const std::string& why) {
  if (!session.corpus)
    throw std::runtime_error(
        "the checkpoint does not record its training corpus; pass --corpus "
        "<the corpus it was trained on>" +
        why);
  std::error_code error;
  if (fs::is_directory(*session.corpus, error))
    throw std::runtime_error(session.corpus->string() + ": is a folder, expected a corpus file");
  if (!fs::is_regular_file(*session.corpus, error))
    throw std::runtime_error(session.corpus->string() + ": no such corpus file");
  return load_corpus_split(*session.corpus, session.loaded.vocab, session.validation_fraction);
}

std::vector<Ids> corpus_seeds(const CorpusSplit& split, const fs::path& corpus, std::int64_t window,
                              std::size_t count, Sampler& sampler) {
  std::vector<Ids> seeds;
  try {
    for (std::size_t i = 0; i < count; ++i)
      seeds.push_back(random_window(split.train, window, sampler));
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(corpus.string() + ": " + e.what() + " in its training split");
  }
  return seeds;
}

bool per_position_latent(model::VaeModelImpl& net, const Ids& seed) {
  return encode_means(net, {seed}).dim() == 3;
}

std::vector<eval::Tokens> held_out_chunks(const CorpusSplit& split, const tokens::Vocab& vocab,
                                          std::size_t length, std::size_t max_chunks) {
  std::vector<eval::Tokens> chunks;
  for (const Ids& s : split.held_out)
    for (std::size_t start = 0; start + length <= s.size() && chunks.size() < max_chunks;
         start += length)
      chunks.push_back(vocab.decode(Ids(s.begin() + start, s.begin() + start + length)));
  return chunks;
}

eval::NgramIndex training_index(const CorpusSplit& split) {
  eval::NgramIndex index(8);
  for (const auto& doc : split.train_tokens) index.add(doc);
  return index;
}

eval::LazinessReport mean_laziness(const std::vector<eval::Tokens>& pieces,
                                   const eval::NgramIndex* index) {
  std::vector<eval::LazinessReport> reports;
  for (const auto& p : pieces) reports.push_back(eval::laziness(p, index));
  return eval::mean_report(reports);
}

// Every input is checked before any output is written: a soundfont that is missing or not a
// soundfont must not fail after the MIDI and token files of the first piece exist.
void check_soundfont(const PieceOutput& piece) {
  if (piece.wav) audio::check_soundfont(piece.synth.soundfont);
}

std::string describe_mapping(const fs::path& file, const MappedPrime& prime) {
  std::string line = file.string() + ": " + std::to_string(prime.ids.size()) + " tokens";
  if (prime.mapped == 0) return line + ", all in the vocabulary";
  line += ", " + std::to_string(prime.mapped) + " outside the vocabulary mapped to the nearest:";
  for (const auto& [from, to] : prime.examples) line += " " + from + "->" + to;
  return line;
}

// <dir>/step_01.mid ... for interpolation step i (from 0).
fs::path step_path(const fs::path& dir, int i) {
  char name[32];
  std::snprintf(name, sizeof name, "step_%02d.mid", i + 1);
  return dir / name;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool asks_for_arrangement(const ArrangementOptions& a) {
  const ArrangementOptions defaults;
  return a.bars != defaults.bars || !a.instruments.empty() || a.tempo || a.time_signature ||
         a.add_part;
}

}  // namespace

ComposeResult compose(const ComposeOptions& requested) {
  ComposeOptions resolved = requested;
  if (resolved.source.checkpoint.empty()) resolved.source.checkpoint = default_model_path();
  const ComposeOptions& options = resolved;
  options.generation.sampling.validate();
  if (options.count == 0 || options.count > limits::kMaxGeneratePieces)
    throw std::invalid_argument("--count must lie in [1, " +
                                std::to_string(limits::kMaxGeneratePieces) + "]");
  if (options.generation.length < 1) throw std::invalid_argument("--length must be >= 1");
  check_length(options.generation.length);
  check_soundfont(options.piece);
  std::vector<fs::path> inputs = {options.source.checkpoint, options.piece.synth.soundfont};
  if (options.source.corpus) inputs.push_back(*options.source.corpus);
  if (options.prime) inputs.push_back(*options.prime);
  for (std::size_t i = 0; i < options.count; ++i)
    for (const fs::path& output :
         piece_paths(numbered_path(options.output, i, options.count), options.piece))
      refuse_output_over_input(output, inputs);
  Session session = open_session(options.source);
  // Tokens of several instruments in bars are arranged under their grammar (arrangement.h);
  // one melody line continues a seed window (generator.h).
  const auto tokenizer = tokens::make_tokenizer(session.loaded.config.tokens);
  if (tokenizer->multi_track()) {
    ComposeResult arranged = compose_arrangement(options, session.loaded);
    arranged.notes.insert(arranged.notes.begin(), "model " + options.source.checkpoint.string());
    return arranged;
  }
  if (asks_for_arrangement(options.arrangement))
    throw std::invalid_argument(
        options.source.checkpoint.string() + " reads " + tokenizer->description() +
        ": --bars, --instruments, --tempo, "
        "--time-signature and --add-part need a model trained on REMI tokens");
  model::VaeModelImpl& net = *session.loaded.model;
  const std::int64_t window = net.config().window;
  ComposeResult result;
  Sampler sampler(options.seed);

  std::vector<Ids> seeds;
  std::optional<CorpusSplit> split;
  if (options.prime) {
    const MappedPrime prime = read_prime(*options.prime, session.loaded.vocab);
    result.notes.push_back("prime " + describe_mapping(*options.prime, prime));
    const Ids seed = context_of(prime.ids, window);
    if (static_cast<std::int64_t>(seed.size()) < window && per_position_latent(net, seed))
      throw std::runtime_error(options.prime->string() + ": this model needs a prime of at least " +
                               std::to_string(window) + " tokens (it has " +
                               std::to_string(seed.size()) + ")");
    seeds.assign(options.count, seed);
    if (options.report && session.corpus) split = open_corpus(session, "");
  } else {
    split = open_corpus(session, " (or --prime <file.mid>)");
    seeds = corpus_seeds(*split, *session.corpus, window, options.count, sampler);
    result.notes.push_back("seed windows of " + std::to_string(window) +
                           " tokens from the training split of " + session.corpus->string());
  }

  std::optional<torch::Tensor> z;
  if (options.from_prior) z = sample_prior(encode_means(net, seeds).sizes(), sampler);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Ids> pieces = generate_pieces(net, seeds, options.generation, sampler, z);
  result.seconds_generating = seconds_since(start);

  std::vector<eval::Tokens> texts;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    texts.push_back(session.loaded.vocab.decode(pieces[i]));
    result.written.push_back(
        write_piece(texts.back(), numbered_path(options.output, i, pieces.size()), options.piece));
  }
  if (options.report) {
    std::vector<std::pair<std::string, eval::LazinessReport>> rows;
    if (split) {
      const eval::NgramIndex index = training_index(*split);
      rows.emplace_back("generated", mean_laziness(texts, &index));
      const auto held =
          held_out_chunks(*split, session.loaded.vocab, options.generation.length, 200);
      if (!held.empty()) rows.emplace_back("held-out", mean_laziness(held, &index));
    } else {
      rows.emplace_back("generated", mean_laziness(texts, nullptr));
      result.notes.push_back("no corpus: copied-8 is not measured (pass --corpus)");
    }
    result.report = eval::format_laziness_table(rows);
  }
  return result;
}

ComposeResult interpolate(const InterpolateOptions& options) {
  options.generation.sampling.validate();
  if (options.steps < 2 || options.steps > 1000)
    throw std::invalid_argument("--steps must lie in [2, 1000]");
  check_length(options.generation.length);
  check_soundfont(options.piece);
  for (int i = 0; i < options.steps; ++i)
    for (const fs::path& output : piece_paths(step_path(options.output_dir, i), options.piece))
      refuse_output_over_input(
          output, {options.source.checkpoint, options.a, options.b, options.piece.synth.soundfont});
  Session session = open_session(options.source);
  const std::string& kind = session.loaded.config.kind;
  if (kind != "vae-lstm" && kind != "vae-transformer")
    throw std::invalid_argument(options.source.checkpoint.string() + ": a " + kind +
                                " model has no latent to interpolate in (train --model vae-lstm "
                                "or vae-transformer)");
  if (session.loaded.config.tokens == "remi") {
    std::vector<fs::path> paths;
    for (int i = 0; i < options.steps; ++i) paths.push_back(step_path(options.output_dir, i));
    return interpolate_arrangement(options, session.loaded, paths);
  }
  if (asks_for_arrangement(options.arrangement))
    throw std::invalid_argument(options.source.checkpoint.string() +
                                " reads the paper's tokens: --bars, --instruments, --tempo and "
                                "--time-signature need a model trained on REMI tokens");
  ComposeResult result;
  const MappedPrime a = read_prime(options.a, session.loaded.vocab);
  const MappedPrime b = read_prime(options.b, session.loaded.vocab);
  result.notes.push_back("a: " + describe_mapping(options.a, a));
  result.notes.push_back("b: " + describe_mapping(options.b, b));
  const auto start = std::chrono::steady_clock::now();
  const auto pieces = interpolate_pieces(*session.loaded.model, a.ids, b.ids, options.steps,
                                         options.generation, options.seed);
  result.seconds_generating = seconds_since(start);
  fs::create_directories(options.output_dir);
  for (std::size_t i = 0; i < pieces.size(); ++i)
    result.written.push_back(write_piece(session.loaded.vocab.decode(pieces[i]),
                                         step_path(options.output_dir, static_cast<int>(i)),
                                         options.piece));
  return result;
}

std::string evaluate(const EvaluateOptions& options) {
  options.generation.sampling.validate();
  if (options.pieces == 0 || options.generation.length < 8)
    throw std::invalid_argument("evaluate needs --pieces >= 1 and --length >= 8");
  check_length(options.generation.length);
  Session session = open_session(options.source);
  const CorpusSplit split = open_corpus(session, "");
  const eval::NgramIndex index = training_index(split);
  model::VaeModelImpl& net = *session.loaded.model;
  const auto& vocab = session.loaded.vocab;

  std::vector<std::pair<std::string, eval::LazinessReport>> rows;
  Progress progress("evaluate", options.temperatures.size(), "temperatures");
  for (double temperature : options.temperatures) {
    GenerationOptions generation = options.generation;
    generation.sampling.temperature = temperature;
    generation.sampling.validate();
    Sampler sampler(options.seed);  // the same seed windows at every temperature
    const auto seeds =
        corpus_seeds(split, *session.corpus, net.config().window, options.pieces, sampler);
    std::vector<eval::Tokens> texts;
    for (const Ids& piece : generate_pieces(net, seeds, generation, sampler))
      texts.push_back(vocab.decode(piece));
    char label[32];
    if (temperature == 0)
      std::snprintf(label, sizeof label, "argmax");
    else
      std::snprintf(label, sizeof label, "T=%.2g", temperature);
    rows.emplace_back(label, mean_laziness(texts, &index));
    progress.advance();
  }
  progress.finish();
  const auto held =
      held_out_chunks(split, vocab, options.generation.length, options.held_out_pieces);
  if (held.empty())
    throw std::runtime_error(session.corpus->string() + ": the held-out split has no piece of " +
                             std::to_string(options.generation.length) + " tokens");
  rows.emplace_back("held-out", mean_laziness(held, &index));

  char header[512];
  std::snprintf(header, sizeof header,
                "%zu pieces of %lld tokens per temperature (%s); held-out: %zu chunks of the "
                "%s split of %s; copied-8 against %zu training 8-grams\n",
                options.pieces, static_cast<long long>(options.generation.length),
                options.generation.fast ? "fast stateful decoding" : "the paper's procedure",
                held.size(), split.method.c_str(), session.corpus->string().c_str(), index.size());
  return header + eval::format_laziness_table(rows);
}

}  // namespace cadenza::generate
