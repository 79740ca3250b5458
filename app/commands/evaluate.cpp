// cadenza evaluate, its torch-free forms (docs/evaluate.md):
//   --real DIR... --generated DIR... -o OUTDIR   MusPy's measures of two sets side by side
//   --baseline bigram --corpus C --validation-list L   the bigram / unigram floor of a corpus
// The model form (`evaluate MODEL ...`, the laziness report) is app/commands/torch/evaluate.cpp
// in cadenza-torch, to which main() hands any evaluate command line without these options
// (torch_commands.cpp). cadenza-torch is built without this file (app/CMakeLists.txt).
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "command.h"
#include "common/error.h"
#include "common/threads.h"
#include "data/validation_list.h"
#include "eval/music_evaluation.h"
#include "eval/ngram_baseline.h"
#include "tokens/corpus.h"

namespace cadenza::app {
namespace {

struct EvaluateArgs {
  std::vector<std::filesystem::path> real, generated, copy_from;
  std::filesystem::path output;
  std::string baseline, corpus, validation_list, model;
  bool json = false;
  int threads = 0, bars = 0;
};

const char* const kForms =
    "Forms:\n"
    "  cadenza evaluate --real DIR... --generated DIR... -o OUTDIR [--copy-from DIR...]\n"
    "      [--bars N]\n"
    "      MusPy's measures of every piece (pitch range, pitch classes used, pitch-class\n"
    "      entropy, scale and groove consistency, polyphony, empty-beat rate, drum-pattern\n"
    "      consistency, notes per bar per GM instrument family) and, with --copy-from, the\n"
    "      share of each piece's note 8-grams found in those training files. Per measure:\n"
    "      median and 10-90 % range of each set and the overlapping area of their\n"
    "      distributions (MGEval). Writes metrics.csv, summary.csv, summary.json and\n"
    "      histograms.png in OUTDIR; unreadable files are listed and skipped.\n"
    "  cadenza evaluate --baseline bigram --corpus C --validation-list L\n"
    "      bigram and unigram cross-entropy (nats per token) of the list's documents of\n"
    "      corpus C, counted on the others (additive smoothing, k chosen on held-out\n"
    "      training documents).\n"
    "  cadenza evaluate MODEL --corpus C [--temperatures ...] (libtorch: runs in\n"
    "      cadenza-torch): the laziness of the model's pieces vs held-out text; its options:\n"
    "      cadenza evaluate MODEL --help.\n";

void run_music(const EvaluateArgs& args) {
  if (args.real.empty() || args.generated.empty())
    throw UsageError("give both --real and --generated (MIDI files or folders)");
  if (args.output.empty()) throw UsageError("--real/--generated need -o OUTDIR");
  if (std::filesystem::exists(args.output) && !std::filesystem::is_directory(args.output))
    throw std::runtime_error(args.output.string() + ": exists and is not a folder");
  eval::MusicEvaluationOptions options;
  options.real = args.real;
  options.generated = args.generated;
  options.copy_from = args.copy_from;
  if (args.bars < 0) throw UsageError("--bars must be >= 0");
  options.bars = args.bars;
  options.threads = clamp_threads(args.threads);
  const eval::MusicEvaluation evaluation = eval::evaluate_music(options);
  for (const eval::SkippedFile& s : evaluation.skipped)
    std::fprintf(stderr, "cadenza evaluate: skipped (%s) %s\n", s.set.c_str(), s.error.c_str());
  const auto written = eval::write_music_evaluation(evaluation, args.output);
  if (args.json) {
    std::printf("%s", eval::music_evaluation_json(evaluation).c_str());
    return;
  }
  std::printf("%s", eval::format_music_evaluation(evaluation).c_str());
  if (evaluation.training_files > 0)
    std::printf(
        "copy_rate_8gram: share of each piece's 8-note phrases found in %zu training "
        "files (%zu phrases)\n",
        evaluation.training_files, evaluation.training_phrases);
  std::printf("\nwrote");
  for (const auto& path : written) std::printf(" %s", path.string().c_str());
  std::printf("\n");
}

void run_baseline(const EvaluateArgs& args) {
  if (args.baseline != "bigram")
    throw UsageError("--baseline " + args.baseline + ": the only baseline is 'bigram'");
  if (args.corpus.empty() || args.validation_list.empty())
    throw UsageError("--baseline bigram needs --corpus C and --validation-list L");
  const tokens::Corpus corpus = tokens::read_corpus(args.corpus);
  const data::ValidationList list = data::read_validation_list(args.validation_list);
  std::vector<std::string> names;
  for (const auto& document : corpus.documents) names.push_back(document.name);
  const std::vector<bool> validation = data::mark_validation_documents(list, names, args.corpus);
  const eval::NgramBaseline baseline = eval::ngram_baseline(corpus, validation);
  std::printf("%s",
              args.json
                  ? eval::ngram_baseline_json(baseline, args.corpus, args.validation_list).c_str()
                  : eval::format_ngram_baseline(baseline).c_str());
}

void run(const EvaluateArgs& args) {
  const bool music = !args.real.empty() || !args.generated.empty() || !args.copy_from.empty();
  const bool baseline = !args.baseline.empty();
  if (!args.model.empty()) {
    if (music || baseline)
      throw UsageError(
          "MODEL is the model form of evaluate; --real/--generated and --baseline "
          "take no model");
    throw NeedsTorch("evaluate MODEL");
  }
  if (music && baseline)
    throw UsageError("--baseline and --real/--generated are two forms; give one");
  if (baseline) return run_baseline(args);
  if (music) return run_music(args);
  throw UsageError(
      "evaluate needs --real and --generated, --baseline bigram, or a MODEL (see --help)");
}

void setup(CLI::App& sub) {
  auto args = std::make_shared<EvaluateArgs>();
  sub.footer(kForms);
  const char* music = "Music measures (torch-free)";
  sub.add_option("--real", args->real, "real MIDI files or folders")->group(music);
  sub.add_option("--generated", args->generated, "generated MIDI files or folders")->group(music);
  sub.add_option("-o,--output", args->output,
                 "folder for metrics.csv, summary.csv, "
                 "summary.json, histograms.png")
      ->group(music);
  sub.add_option("--copy-from", args->copy_from,
                 "training MIDI files or folders: adds copy_rate_8gram")
      ->group(music);
  sub.add_option("--bars", args->bars,
                 "compare only the first N bars of every piece (0 = whole pieces)")
      ->capture_default_str()
      ->group(music);
  sub.add_option("--threads", args->threads, "threads reading files (0 = all cores)")
      ->capture_default_str()
      ->group(music);
  const char* bigram = "Bigram baseline (torch-free)";
  sub.add_option("--baseline", args->baseline, "bigram")->group(bigram);
  sub.add_option("--corpus", args->corpus, "cadenza corpus (cadenza tokenize)")->group(bigram);
  sub.add_option("--validation-list", args->validation_list,
                 "validation documents, 'collection/file' per line")
      ->group(bigram);
  sub.add_flag("--json", args->json, "print the summary as JSON");
  sub.add_option("model", args->model, "a trained model: the model form, run by cadenza-torch")
      ->group("Model (libtorch)");
  sub.callback([args] { run(*args); });
}

const bool registered = register_command(
    {"evaluate",
     "music measures of real vs generated MIDI (MusPy), 8-gram copy rate, bigram baseline; "
     "with a MODEL, the laziness report (libtorch)",
     setup});

}  // namespace
}  // namespace cadenza::app
