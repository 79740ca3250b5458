// cadenza genre-check: the paper's Table 2 experiment done properly (docs/classify.md): real
// pieces of a genre and generated pieces, rendered the same way, classified by one model, the
// genre's probability per piece and per group side by side. With --genres (docs/genre.md): a
// genre model's pieces of each genre and held-out real pieces of that genre before every genre
// judge, the rate at which each group is recognised as its genre.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "command.h"
#include "commands/resample_option.h"
#include "common/error.h"
#include "common/progress.h"
#include "common/shipped_models.h"
#include "generate/sampling.h"
#include "genre/audio_prediction.h"
#include "genre/default_judge.h"
#include "genre/generated_pieces.h"
#include "genre/genre_check.h"
#include "genre/genre_recognition.h"
#include "genre/piece_judge.h"
#include "genre/shipped_judges.h"
#include "genre/window_classifier.h"
#include "options.h"

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
  // --genres
  std::string genres, judges, held_out, midi_root;
  double target = 0.9;
};

// "GENRE=PATH" entries of --real / --generated in --genres mode, by genre.
std::map<std::string, std::vector<std::string>> by_genre(const std::vector<std::string>& entries,
                                                         const char* option) {
  std::map<std::string, std::vector<std::string>> paths;
  for (const std::string& entry : entries) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos || equals == 0)
      throw std::invalid_argument(std::string(option) + " " + entry +
                                  ": with --genres, name the genre: GENRE=FILE_OR_FOLDER");
    paths[entry.substr(0, equals)].push_back(entry.substr(equals + 1));
  }
  return paths;
}

// The held-out list (lines "genre collection/file", docs/data/genre_heldout.txt) under ROOT.
std::map<std::string, std::vector<fs::path>> read_held_out(const fs::path& list,
                                                           const fs::path& root) {
  std::ifstream in(list);
  if (!in) throw std::runtime_error(list.string() + ": cannot read the held-out list");
  std::map<std::string, std::vector<fs::path>> files;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string genre, file, extra;
    if (!(fields >> genre >> file) || (fields >> extra))
      throw std::runtime_error(list.string() + ":" + std::to_string(number) +
                               ": expected 'genre collection/file'");
    files[genre].push_back(root / file);
  }
  return files;
}

void run_genres(GenreCheckArgs& args) {
  const std::vector<std::string> genres = cadenza::app::split_comma_list(args.genres);
  if (genres.empty()) throw std::invalid_argument("--genres: name at least one genre");
  if (!(args.target > 0)) throw std::invalid_argument("--target must be > 0");
  if (!args.classifier.empty())
    throw std::invalid_argument("--genres asks the genre judges (--judges), not --classifier");
  // Generating needs libtorch: hand over to cadenza-torch before anything is read or written.
  if (args.generated.empty() && !generation_available())
    throw cadenza::NeedsTorch("genre-check --genres generating pieces");
  PieceOptions piece;
  piece.seconds = args.seconds;
  piece.synth.soundfont = args.soundfont;
  piece.resampler = args.resampler;
  // Everything that can be checked is checked before anything is generated.
  const OpenedJudges opened = open_judges(cadenza::app::split_comma_list(args.judges), piece,
                                          MissingShippedJudge::kRefuse, "cadenza genre-check");
  const std::vector<NamedPieceJudge>& judges = opened.named;
  check_judges_know(judges, genres);
  std::map<std::string, std::vector<fs::path>> real;
  if (!args.held_out.empty()) {
    if (args.midi_root.empty())
      throw std::invalid_argument("--held-out needs --midi-root (the folder of its collections)");
    real = read_held_out(args.held_out, args.midi_root);
  }
  for (const auto& [genre, paths] : by_genre(args.real, "--real"))
    for (const fs::path& file : collect_pieces(paths)) real[genre].push_back(file);
  std::map<std::string, std::vector<fs::path>> generated;
  for (const auto& [genre, paths] : by_genre(args.generated, "--generated"))
    generated[genre] = collect_pieces(paths);
  for (const std::string& genre : genres)
    if (real[genre].empty())
      throw std::invalid_argument("genre " + genre +
                                  ": no real pieces (--held-out LIST --midi-root DIR, or --real " +
                                  genre + "=FOLDER)");
  const fs::path out(args.output);
  if (fs::exists(out) && !fs::is_directory(out))
    throw std::runtime_error(args.output + ": exists and is not a folder");
  if (args.generated.empty()) {
    if (args.model.empty())
      args.model = cadenza::shipped_model_or_throw("genres.cdz", "--model",
                                                   "give --model or --generated GENRE=FOLDER")
                       .string();
    check_model_genres(args.model, genres);
    if (args.generation.count == 0) throw std::invalid_argument("--count must be >= 1");
    for (const std::string& genre : genres) {
      GeneratedPiecesOptions generation = args.generation;
      generation.checkpoint = args.model;
      generation.genre = genre;
      generation.output = out / "generated" / genre / (genre + ".mid");
      generation.threads = 1;  // one token at a time gains nothing from more
      fs::create_directories(generation.output.parent_path());
      const GeneratedPieces pieces = generate_pieces(generation);
      std::fprintf(stderr, "generated %zu %s pieces of %lld bars (seed %llu) in %.1f s -> %s\n",
                   pieces.midi_files.size(), genre.c_str(), static_cast<long long>(generation.bars),
                   static_cast<unsigned long long>(generation.seed), pieces.seconds_generating,
                   generation.output.parent_path().string().c_str());
      generated[genre] = pieces.midi_files;
    }
  }
  std::vector<RecognitionInput> inputs;
  std::size_t total = 0;
  for (const std::string& genre : genres) {
    inputs.push_back({genre, real[genre], generated[genre]});
    total += real[genre].size() + generated[genre].size();
  }
  cadenza::Progress progress("genre-check", total, "pieces");
  const RecognitionResult result = recognise_genres(
      judges, inputs, args.threads ? args.threads : cadenza::app::default_threads(),
      [&] { progress.advance(); });
  progress.finish();
  for (const std::string& error : result.errors)
    std::fprintf(stderr, "cadenza genre-check: error: %s\n", error.c_str());
  std::printf("%s", format_recognition(result, args.target).c_str());
  fs::create_directories(out);
  write_recognition_csv(result, out / "genre_recognition.csv");
  write_recognition_json(result, out / "genre_recognition.json");
  write_recognition_png(result, out / "genre_recognition.png");
  std::printf("\nwrote %s, %s, %s\n", (out / "genre_recognition.csv").string().c_str(),
              (out / "genre_recognition.json").string().c_str(),
              (out / "genre_recognition.png").string().c_str());
}

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
  if (!args.genres.empty()) return run_genres(args);
  if (args.classifier.empty()) {
    args.classifier = default_audio_judge_path().string();
    std::fprintf(stderr, "no --classifier: the shipped rendered judge %s\n",
                 args.classifier.c_str());
  }
  if (args.real.empty()) throw std::invalid_argument("--real is required");
  if (!(args.seconds >= 0)) throw std::invalid_argument("--seconds must be >= 0");
  if (args.model.empty() == args.generated.empty())
    throw std::invalid_argument("give either --model <checkpoint> or --generated <MIDI files>");
  // Everything that can be checked is checked before anything is written.
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
                 "real pieces of the genre (MIDI or audio files, folders searched recursively); "
                 "with --genres: GENRE=FILE_OR_FOLDER");
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
  CLI::Option* temperature = sub.add_option(
      "--temperature", args->generation.temperature,
      "sampling temperature (default 0.7, the paper's, for --model; 1.0 for --genres: at 0.7 "
      "a genre model falls into another genre's habits, docs/genre.md)");
  sub.add_option("--top-k", args->generation.top_k, "--model: top-k sampling (0 = all)")
      ->capture_default_str();
  sub.add_option("--top-p", args->generation.top_p, "--model: nucleus sampling")
      ->capture_default_str();
  CLI::Option* fast =
      sub.add_flag("--fast", args->generation.fast,
                   "--model: stateful decoding with z fixed, refused for models without it (the "
                   "default uses it wherever the model has it: a default-preset VAE-LSTM)");
  sub.add_flag("--paper-procedure", args->generation.paper_procedure,
               "--model: generate with the paper's procedure (re-encode the window for every "
               "token; ~50x slower) even where stateful decoding exists")
      ->excludes(fast);
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
  const char* genres = "Genre on demand (--genres; docs/genre.md)";
  sub.add_option("--genres", args->genres,
                 "e.g. jazz,folk,pop: a genre model's pieces of each genre and held-out real "
                 "pieces of it before every genre judge; per judge, the rate each group is "
                 "recognised as its genre")
      ->group(genres);
  sub.add_option("--judges", args->judges,
                 "--genres: judge files, comma-separated (default: the shipped "
                 "models/genre_tokens.cdz and models/genre_audio.cdz)")
      ->group(genres);
  sub.add_option("--held-out", args->held_out,
                 "--genres: real pieces, 'genre collection/file' per line (e.g. "
                 "docs/data/genre_heldout.txt)")
      ->check(CLI::ExistingFile)
      ->group(genres);
  sub.add_option("--midi-root", args->midi_root, "--genres: the folder --held-out's files are in")
      ->check(CLI::ExistingDirectory)
      ->group(genres);
  sub.add_option("--bars", args->generation.bars, "--genres: bars per generated piece")
      ->capture_default_str()
      ->group(genres);
  sub.add_option("--genre-guidance", args->generation.genre_guidance,
                 "--genres: weight of genre guidance in generation (generate --genre-guidance; "
                 "default 2)")
      ->group(genres);
  sub.add_option("--target", args->target,
                 "--genres: the generated / real recognition ratio a genre must reach")
      ->capture_default_str()
      ->group(genres);
  sub.callback([args, temperature] {
    if (!args->genres.empty() && temperature->count() == 0)
      args->generation.temperature = cadenza::generate::kGenreModelTemperature;
    run(*args);
  });
}

const bool registered = cadenza::app::register_command(
    {"genre-check", "does generated music keep its genre? real vs generated, one classifier",
     setup});

}  // namespace
