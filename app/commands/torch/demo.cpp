// `cadenza demo`: the README's main job on a fresh machine, on what cadenza ships or makes.
// First the shipped jazz model (models/jazz.cdz) arranges 16 bars for piano, bass, drums and
// tenor sax (MIDI, piano roll, WAV) and its measures are shown next to real jazz (the model's
// validation files, summarised in models/jazz.reference.json). Then the paper's pipeline: it
// composes a small procedural jazz-like corpus as MIDI files, tokenizes it with the paper's
// tokenizer, trains a small VAE-LSTM on it for a few seconds on CPU, generates a piece and
// writes it as MIDI, piano-roll PNG and WAV, printing where everything is.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "audio/synth.h"
#include "command.h"
#include "eval/music_metrics.h"
#include "generate/compose.h"
#include "midi/reader.h"
#include "midi/writer.h"
#include "score/procedural.h"
#include "tokens/corpus.h"
#include "tokens/paper_tokenizer.h"
#include "torch_commands.h"
#include "train/trainer.h"

namespace cadenza::app {
namespace {
namespace fs = std::filesystem;

struct DemoArgs {
  fs::path output = "demo-output";
  std::size_t pieces = 48;
  int bars = 64;
  std::uint64_t seed = 42;
  int epochs = 15;
  bool train = true;
  bool arrangement = true;
};

// The real jazz measures the shipped model is compared with: the "real" side of a `cadenza
// evaluate --bars 16` summary of its validation files, beside the model.
std::map<std::string, nlohmann::json> reference_measures(const fs::path& model,
                                                         std::size_t* pieces) {
  std::map<std::string, nlohmann::json> spreads;
  fs::path path = model;
  path.replace_filename("jazz.reference.json");
  std::ifstream in(path);
  if (!in) return spreads;
  try {
    const nlohmann::json summary = nlohmann::json::parse(in);
    *pieces = summary.at("real_files").get<std::size_t>();
    for (const auto& metric : summary.at("metrics"))
      spreads[metric.at("name").get<std::string>()] = metric.at("real");
  } catch (const nlohmann::json::exception&) {
    spreads.clear();  // an unreadable summary only costs the comparison
  }
  return spreads;
}

void arrange_with_shipped_model(const DemoArgs& options) {
  fs::path model;
  try {
    model = generate::default_model_path();
  } catch (const std::exception& e) {
    std::printf("1. no shipped model: %s\n", e.what());
    return;
  }
  generate::ComposeOptions compose;
  compose.source.checkpoint = model;
  compose.source.threads = 1;
  compose.output = options.output / "arrangement.mid";
  compose.arrangement.bars = 16;
  compose.arrangement.instruments = {"piano", "bass", "drums", "tenor-sax"};
  compose.generation.sampling.temperature = 0.9;
  compose.generation.sampling.top_p = 0.95;
  compose.seed = options.seed;
  compose.piece.wav = fs::is_regular_file(compose.piece.synth.soundfont);
  std::printf(
      "1. the shipped jazz model (%s) arranges 16 bars for piano, bass, drums and tenor "
      "sax\n",
      model.string().c_str());
  const generate::ComposeResult result = generate::compose(compose);
  for (std::size_t i = 1; i < result.notes.size(); ++i)
    std::printf("   %s\n", result.notes[i].c_str());
  for (const auto& path : result.written.front())
    std::printf("   wrote %s\n", path.string().c_str());
  std::printf("   generation took %.2f s on one thread\n", result.seconds_generating);

  std::size_t pieces = 0;
  const auto reference = reference_measures(model, &pieces);
  if (reference.empty()) return;
  const score::Score piece = score::from_midi(midi::read(compose.output));
  std::printf(
      "   its measures next to real jazz (the first 16 bars of %zu pieces the model never "
      "saw):\n",
      pieces);
  std::printf("   %-26s %10s   %-22s\n", "measure", "this piece", "real: median [10%, 90%]");
  for (const eval::MetricValue& m : eval::music_metrics(eval::first_bars(piece, 16))) {
    auto it = reference.find(m.name);
    if (it == reference.end() || std::isnan(m.value)) continue;
    const double median = it->second.value("median", NAN), p10 = it->second.value("p10", NAN),
                 p90 = it->second.value("p90", NAN);
    std::printf("   %-26s %10.3g   %.3g [%.3g, %.3g]%s\n", m.name.c_str(), m.value, median, p10,
                p90, m.value >= p10 && m.value <= p90 ? "" : "  (outside)");
  }
}

// A model small enough to learn the procedural corpus in about a minute on two CPU cores.
model::ModelConfig demo_model() {
  model::ModelConfig config = model::default_preset("vae-lstm");
  config.window = 32;
  config.embedding = 64;
  config.latent = 32;
  config.encoder_hidden = 128;
  config.decoder_hidden = 128;
  config.kl_anneal_steps = 200;
  return config;
}

void train_and_generate(const DemoArgs& options, const fs::path& corpus_path) {
  train::TrainOptions training;
  training.corpus = corpus_path;
  training.output = options.output / "model.cdz";
  training.config = demo_model();
  training.epochs = options.epochs;
  training.seed = options.seed;
  training.patience = 0;
  training.threads = 2;
  std::printf("4. training a small VAE-LSTM (window 32, hidden 128) for %d epochs on CPU\n",
              options.epochs);
  const train::TrainSummary summary = train::run_training(training);
  const auto& last = summary.history.back();
  std::printf("   validation cross-entropy %.3f nats, next-token accuracy %.1f%% (epoch %d)\n",
              last.validation_ce, 100 * last.validation_accuracy, last.epoch);
  std::printf("   checkpoint: %s\n", training.output.string().c_str());

  generate::ComposeOptions compose;
  compose.source.checkpoint = training.output;
  compose.source.corpus = corpus_path;
  compose.output = options.output / "generated.mid";
  compose.generation.length = 100;
  compose.generation.sampling.temperature = 0.7;
  compose.seed = options.seed;
  compose.report = true;
  compose.piece.wav = fs::is_regular_file(compose.piece.synth.soundfont);
  std::printf("5. generating 100 tokens at temperature 0.7 (the paper's procedure)\n");
  const generate::ComposeResult result = generate::compose(compose);
  for (const auto& path : result.written.front())
    std::printf("   wrote %s\n", path.string().c_str());
  if (!compose.piece.wav)
    std::printf("   no WAV: %s is missing (install fluid-soundfont-gm)\n",
                compose.piece.synth.soundfont.string().c_str());
  std::printf("   generation took %.3f s; laziness next to held-out pieces:\n%s",
              result.seconds_generating, result.report.c_str());
}

void run_demo(const DemoArgs& options) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path midi_dir = options.output / "midi";
  fs::create_directories(midi_dir);
  if (options.arrangement) arrange_with_shipped_model(options);

  std::printf("2. the paper's pipeline: composing %zu procedural jazz-like pieces (seed %llu)\n",
              options.pieces, static_cast<unsigned long long>(options.seed));
  score::ProceduralOptions procedural;
  procedural.bars = options.bars;
  const auto scores = score::make_jazz_like_corpus(options.pieces, options.seed, procedural);

  tokens::Corpus corpus;
  std::size_t notes = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "piece_%02zu.mid", i + 1);
    const midi::File file = score::to_midi(scores[i]);
    const auto bytes = midi::serialize(file);
    midi::write(file, midi_dir / name);
    notes += scores[i].notes.size();
    // Tokenize the bytes exactly as they are on disk, as `cadenza tokenize` would.
    auto result = tokens::paper_tokenize(bytes.data(), bytes.size(), name);
    corpus.documents.push_back({name, std::move(result.tokens)});
  }
  std::printf("   wrote %zu MIDI files (%zu notes) to %s\n", scores.size(), notes,
              midi_dir.string().c_str());

  const fs::path corpus_path = options.output / "corpus.txt";
  tokens::write_corpus(corpus, corpus_path);
  std::map<std::string, std::size_t> counts;
  for (const auto& doc : corpus.documents)
    for (const auto& token : doc.tokens) ++counts[token];
  std::printf("3. tokenized them with the paper's tokenizer: %zu tokens, vocabulary %zu\n",
              corpus.token_count(), counts.size());
  std::printf("   corpus (file boundaries kept): %s\n", corpus_path.string().c_str());
  if (!corpus.documents.empty()) {
    std::printf("   first tokens of %s:", corpus.documents[0].name.c_str());
    const auto& first = corpus.documents[0].tokens;
    for (std::size_t i = 0; i < first.size() && i < 12; ++i) std::printf(" %s", first[i].c_str());
    std::printf("\n");
  }
  if (options.train) train_and_generate(options, corpus_path);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("done in %.2f s\n", seconds);
}

void setup(CLI::App& sub) {
  auto options = std::make_shared<DemoArgs>();
  sub.add_option("-o,--output", options->output, "folder for everything the demo writes")
      ->capture_default_str();
  sub.add_option("--pieces", options->pieces, "number of procedural pieces")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  sub.add_option("--bars", options->bars, "bars per piece")
      ->check(CLI::Range(4, 1000))
      ->capture_default_str();
  sub.add_option("--seed", options->seed, "random seed")->capture_default_str();
  sub.add_option("--epochs", options->epochs, "training epochs")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub.add_flag("!--no-train", options->train, "only compose and tokenize the corpus");
  sub.add_flag("!--no-arrangement", options->arrangement,
               "skip the shipped model's arrangement (step 1)");
  sub.callback([options] { run_demo(*options); });
}

const bool registered = register_command({"demo", torch_command_summary("demo"), setup});
}  // namespace
}  // namespace cadenza::app
