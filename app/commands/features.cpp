// cadenza features: librosa's GTZAN feature rows for audio files (CSV or JSON), and for MIDI
// files rendered as `classify predict` and `genre-check` hear them (genre/piece_features.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "audio/synth.h"
#include "command.h"
#include "commands/resample_option.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "features/extract.h"
#include "features/gtzan.h"
#include "genre/audio_prediction.h"
#include "genre/piece_features.h"

namespace {

struct FeaturesArgs {
  std::vector<std::string> inputs;
  std::string output;
  int segment = 30;
  bool extra = false;
  bool json = false;
  unsigned threads = 0;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
  // MIDI files: rendered as `classify predict` / `genre-check` render them.
  double seconds = 0;
  std::string soundfont = cadenza::audio::kDefaultSoundfont;
  std::string label;  // every row's label (default: the file's folder name)
};

void check_options(const FeaturesArgs& options) {
  if (!std::isfinite(options.seconds) || options.seconds < 0) {
    char given[32];
    std::snprintf(given, sizeof given, "%g", options.seconds);
    throw std::invalid_argument(std::string("--seconds must be a finite number >= 0, got ") +
                                given);
  }
  if (options.label.find_first_of(",\"\n\r") != std::string::npos)
    throw std::invalid_argument("--label '" + options.label +
                                "': a label cannot hold a comma, quote or line break (it is a "
                                "CSV field)");
}

// A MIDI file's rows (genre/piece_features.h), in the FileResult of an audio file.
cadenza::features::FileResult midi_rows(const std::filesystem::path& file,
                                        const FeaturesArgs& options) {
  cadenza::features::FileResult result{file, {}, {}};
  try {
    cadenza::genre::PieceOptions piece;
    piece.seconds = options.seconds;
    piece.synth.soundfont = options.soundfont;
    piece.resampler = options.resampler;
    const std::string label =
        options.label.empty() ? std::filesystem::absolute(file).parent_path().filename().string()
                              : options.label;
    result.rows =
        cadenza::genre::piece_feature_rows(file, label, piece, options.segment, options.extra);
  } catch (const std::exception& e) {
    const std::string message = e.what();
    result.error = message.find(file.string()) != std::string::npos
                       ? message
                       : "'" + file.string() + "': " + message;
  }
  return result;
}

void run_features(const FeaturesArgs& options) {
  using namespace cadenza::features;
  check_options(options);
  const auto files = cadenza::genre::collect_pieces(options.inputs);
  if (files.empty()) throw std::runtime_error("no audio or MIDI files found in the given inputs");
  cadenza::refuse_output_over_input(options.output, files);
  std::vector<bool> midi(files.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    midi[i] = std::filesystem::is_regular_file(files[i]) && cadenza::genre::is_midi_file(files[i]);
  if (std::find(midi.begin(), midi.end(), true) != midi.end() &&
      !std::filesystem::is_regular_file(options.soundfont))
    throw std::runtime_error(options.soundfont +
                             ": soundfont not found (install fluid-soundfont-gm or pass "
                             "--soundfont)");
  ExtractOptions extract;
  extract.segment = options.segment == 3 ? SegmentMode::kThreeSeconds : SegmentMode::kWhole;
  extract.extra = options.extra;
  extract.resampler = options.resampler;

  cadenza::Progress progress("features", files.size(), "files");
  std::vector<FileResult> results(files.size());
  cadenza::parallel_for(
      files.size(), options.threads ? options.threads : cadenza::app::default_threads(),
      [&](std::size_t i) {
        results[i] = midi[i] ? midi_rows(files[i], options) : extract_file(files[i], extract);
        if (!midi[i] && !options.label.empty())
          for (FeatureRow& row : results[i].rows) row.label = options.label;
      },
      [&](std::size_t i) {
        if (!results[i].error.empty())
          std::fprintf(stderr, "cadenza features: error: %s\n", results[i].error.c_str());
        progress.advance();
      });
  progress.finish();

  FeatureRows table{gtzan_value_columns(options.extra), {}};
  std::size_t failed = 0;
  for (const FileResult& result : results) {
    if (!result.error.empty()) ++failed;
    table.rows.insert(table.rows.end(), result.rows.begin(), result.rows.end());
  }
  if (!table.rows.empty()) {
    cadenza::write_file_atomically(options.output, [&](std::ostream& out) {
      if (options.json)
        write_json(out, table);
      else
        write_csv(out, table);
    });
    std::fprintf(stderr, "cadenza features: %zu rows from %zu files -> %s\n", table.rows.size(),
                 files.size() - failed, options.output.c_str());
  }
  if (failed > 0)
    throw std::runtime_error(
        std::to_string(failed) + " of " + std::to_string(files.size()) + " files failed" +
        (table.rows.empty() ? "; no output written" : " (their rows are missing)"));
}

const bool registered = cadenza::app::register_command(
    {"features", "librosa's GTZAN audio features (30 s or 3 s rows) as CSV or JSON",
     [](CLI::App& sub) {
       auto options = std::make_shared<FeaturesArgs>();
       sub.add_option("inputs", options->inputs,
                      "audio or MIDI files, or folders (searched recursively)")
           ->required();
       sub.add_option("-o,--output", options->output, "output file (CSV, or JSON with --json)")
           ->required();
       sub.add_option("--segment", options->segment,
                      "30: one row per file; 3: one row per 3 s window")
           ->check(CLI::IsMember({3, 30}));
       sub.add_flag("--extra", options->extra,
                    "add spectral flatness, spectral contrast and onset strength columns");
       sub.add_flag("--json", options->json, "write a JSON array of row objects instead of CSV");
       sub.add_option("--threads", options->threads, "files in parallel (0: all cores)");
       sub.add_option("--seconds", options->seconds,
                      "MIDI files: render the first N seconds from the first note (0: all), as "
                      "`classify predict` and `genre-check` do")
           ->capture_default_str();
       sub.add_option("--soundfont", options->soundfont, "MIDI files: SoundFont 2 for rendering")
           ->capture_default_str();
       sub.add_option("--label", options->label,
                      "the label of every row (default: the name of the file's folder)");
       cadenza::app::add_resample_option(sub, options->resampler);
       sub.callback([options] { run_features(*options); });
     }});

}  // namespace
