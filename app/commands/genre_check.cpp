// cadenza genre-check: the paper's Table 2 experiment done properly (docs/classify.md): real
// pieces of a genre and generated pieces, rendered the same way, classified by one model, the
// genre's probability per piece and per group side by side.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "command.h"
#include "commands/resample_option.h"
#include "common/progress.h"
#include "genre/audio_prediction.h"
#include "genre/default_judge.h"
#include "genre/generated_pieces.h"
#include "genre/genre_check.h"
#include "genre/window_classifier.h"

namespace {

using namespace cadenza::genre;

struct GenreCheckArgs {
  std::string classifier, output, genre = "jazz";
  std::vector<std::string> real, generated;
  std::string model;
  GeneratedPiecesOptions generation;
  double seconds = 30;
  unsigned threads = 0;
  std::string soundfont = cadenza::audio::kDefaultSoundfont;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
};

std::vector<fs::path> pieces_of(const std::vector<std::string>& inputs, const char* option) {
  std::vector<fs::path> files = collect_pieces(inputs);
  if (files.empty()) {
    std::string named;
    for (const auto& input : inputs) named += (named.empty() ? "" : " ") + input;
    throw std::runtime_error(std::string(option) + ": no audio or MIDI files in " + named);
  }
  return files;
}

void run(GenreCheckArgs& args) {
  if (!(args.seconds >= 0)) throw std::invalid_argument("--seconds must be >= 0");
  if (args.model.empty() == args.generated.empty())
    throw std::invalid_argument("give either --model <checkpoint> or --generated <MIDI files>");
  // Everything that can be checked is checked before anything is written.
  if (args.classifier.empty()) {
    args.classifier = default_audio_judge_path().string();
    std::fprintf(stderr, "no --classifier: the shipped rendered judge %s\n",
                 args.classifier.c_str());
  }
  const std::unique_ptr<WindowClassifier> classifier = load_window_classifier(args.classifier);
  const auto& labels = classifier->labels();
  if (std::find(labels.begin(), labels.end(), args.genre) == labels.end()) {
    std::string known;
    for (const auto& label : labels) known += (known.empty() ? "" : ", ") + label;
    throw std::invalid_argument("--genre " + args.genre + ": not a genre of " + args.classifier +
                                " (" + known + ")");
  }
  if (!fs::is_regular_file(args.soundfont))
    throw std::runtime_error(args.soundfont +
                             ": soundfont not found (install fluid-soundfont-gm or pass "
                             "--soundfont)");
  const std::vector<fs::path> real = pieces_of(args.real, "--real");
  if (std::none_of(real.begin(), real.end(),
                   [](const fs::path& p) { return fs::is_regular_file(p); }))
    throw std::runtime_error("--real: none of the " + std::to_string(real.size()) +
                             " files exists");
  std::vector<fs::path> generated;
  if (args.generated.empty()) {
    check_generative_checkpoint(args.model);
    if (args.generation.count == 0) throw std::invalid_argument("--count must be >= 1");
  } else {
    generated = pieces_of(args.generated, "--generated");
  }
  const fs::path out(args.output);
  if (fs::exists(out) && !fs::is_directory(out))
    throw std::runtime_error(args.output + ": exists and is not a folder");

  if (!args.model.empty()) {
    args.generation.checkpoint = args.model;
    args.generation.output = out / "generated" / "generated.mid";
    args.generation.seconds = args.seconds;
    args.generation.threads = static_cast<int>(args.threads);
    fs::create_directories(out / "generated");  // the folder is made only now
    const GeneratedPieces pieces = generate_pieces(args.generation);
    for (const auto& note : pieces.notes) std::fprintf(stderr, "%s\n", note.c_str());
    std::fprintf(stderr, "generated %zu pieces of %lld tokens (seed %llu) in %.1f s -> %s\n",
                 pieces.midi_files.size(), static_cast<long long>(pieces.tokens_per_piece),
                 static_cast<unsigned long long>(args.generation.seed), pieces.seconds_generating,
                 (out / "generated").string().c_str());
    generated = pieces.midi_files;
  }

  GenreCheckOptions options;
  options.genre = args.genre;
  options.piece.seconds = args.seconds;
  options.piece.synth.soundfont = args.soundfont;
  options.piece.resampler = args.resampler;
  options.piece.threads = args.threads ? args.threads : cadenza::app::default_threads();
  cadenza::Progress progress("genre-check", real.size() + generated.size(), "pieces");
  const GenreCheckResult result =
      genre_check(*classifier, real, generated, options, [&](const PiecePrediction& piece) {
        if (!piece.ok())
          std::fprintf(stderr, "cadenza genre-check: error: %s\n", piece.error.c_str());
        progress.advance();
      });
  progress.finish();
  std::printf("%s", format_genre_check(result).c_str());
  fs::create_directories(out);
  write_genre_check_csv(result, out / "genre_check.csv");
  write_genre_check_json(result, out / "genre_check.json");
  write_genre_check_png(result, out / "genre_check.png");
  std::printf("\nwrote %s, %s, %s\n", (out / "genre_check.csv").string().c_str(),
              (out / "genre_check.json").string().c_str(),
              (out / "genre_check.png").string().c_str());
  if (!result.errors.empty())
    throw std::runtime_error(std::to_string(result.errors.size()) +
                             " pieces could not be classified (listed above; the figures leave "
                             "them out)");
}

void setup(CLI::App& sub) {
  auto args = std::make_shared<GenreCheckArgs>();
  sub.add_option("--classifier", args->classifier,
                 "genre classifier from `cadenza classify train` (default: the shipped judge, "
                 "models/genre_audio.cdz, or $CADENZA_AUDIO_JUDGE)");
  sub.add_option("--real", args->real,
                 "real pieces of the genre (MIDI or audio files, folders searched recursively)")
      ->required();
  auto* model = sub.add_option("--model", args->model,
                               "generative checkpoint from `cadenza train`: generate the pieces");
  auto* generated = sub.add_option("--generated", args->generated,
                                   "already generated pieces (MIDI or audio files, folders)");
  model->excludes(generated);
  sub.add_option("-o,--output", args->output,
                 "folder for genre_check.csv/.json/.png and the generated MIDI")
      ->required();
  sub.add_option("--genre", args->genre, "the genre whose probability is compared")
      ->capture_default_str();
  sub.add_option("--seconds", args->seconds,
                 "listen to the first N seconds of each piece from its first note (0: all); "
                 "generated pieces are made this long")
      ->capture_default_str();
  sub.add_option("--count", args->generation.count, "--model: pieces to generate")
      ->capture_default_str();
  sub.add_option("--seed", args->generation.seed, "--model: generation seed")
      ->capture_default_str();
  sub.add_option("--corpus", args->generation.corpus,
                 "--model: the token corpus it was trained on (default: the one it records)");
  sub.add_option("--length", args->generation.length,
                 "--model: tokens per piece (0: enough to fill --seconds)")
      ->capture_default_str();
  sub.add_option("--temperature", args->generation.temperature, "--model: sampling temperature")
      ->capture_default_str();
  sub.add_option("--top-k", args->generation.top_k, "--model: top-k sampling (0 = all)")
      ->capture_default_str();
  sub.add_option("--top-p", args->generation.top_p, "--model: nucleus sampling")
      ->capture_default_str();
  sub.add_flag("--fast", args->generation.fast,
               "--model: stateful decoding with z fixed (default VAE-LSTM only)");
  sub.add_option("--bpm", args->generation.midi.bpm, "--model: tempo of the generated MIDI")
      ->capture_default_str();
  sub.add_option("--program", args->generation.midi.program,
                 "--model: General MIDI program of the generated MIDI (0 = piano)")
      ->check(CLI::Range(0, 127))
      ->capture_default_str();
  sub.add_option("--device", args->generation.device, "--model: cpu, cuda or cuda:N")
      ->capture_default_str();
  sub.add_option("--soundfont", args->soundfont, "SoundFont 2 file for rendering")
      ->capture_default_str();
  sub.add_option("--threads", args->threads, "pieces in parallel, torch threads (0: all cores)")
      ->capture_default_str();
  cadenza::app::add_resample_option(sub, args->resampler);
  sub.callback([args] { run(*args); });
}

const bool registered = cadenza::app::register_command(
    {"genre-check", "does generated music keep its genre? real vs generated, one classifier",
     setup});

}  // namespace
