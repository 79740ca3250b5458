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
#include "options.h"

namespace {

struct FeaturesArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string segment = "30";  // "30", "3", or both: "30,3" (one output per length)
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

// --segment: 30, 3, or a comma list of both (each once; no empty item).
std::vector<int> parse_segments(const std::string& text) {
  const std::vector<std::string> items = cadenza::app::split_comma_list(text);
  if (items.size() != static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) + 1)
    throw std::invalid_argument("expected 30, 3 or 30,3, got '" + text + "'");
  std::vector<int> segments;
  for (const std::string& item : items) {
    const int segment = item == "30" ? 30 : item == "3" ? 3 : 0;
    if (segment == 0 || std::find(segments.begin(), segments.end(), segment) != segments.end())
      throw std::invalid_argument("expected 30, 3 or 30,3, got '" + text + "'");
    segments.push_back(segment);
  }
  return segments;
}

// The output of one segment length: -o as given for one length; for several, the length goes
// before the extension (features.csv -> features.30s.csv and features.3s.csv).
std::filesystem::path output_for(const std::string& output, int segment, bool several) {
  if (!several) return output;
  std::filesystem::path path(output);
  return path.replace_filename(path.stem().string() + "." + std::to_string(segment) + "s" +
                               path.extension().string());
}

// A MIDI file's rows (genre/piece_features.h), in the FileResult of an audio file.
cadenza::features::FileResult midi_rows(const std::filesystem::path& file,
                                        const FeaturesArgs& options, int segment) {
  cadenza::features::FileResult result{file, {}, {}};
  try {
    cadenza::genre::PieceOptions piece;
    piece.seconds = options.seconds;
    piece.synth.soundfont = options.soundfont;
    piece.resampler = options.resampler;
    const std::string label =
        options.label.empty() ? std::filesystem::absolute(file).parent_path().filename().string()
                              : options.label;
    result.rows = cadenza::genre::piece_feature_rows(file, label, piece, segment, options.extra);
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
  const std::vector<int> segments = parse_segments(options.segment);
  const bool several = segments.size() > 1;
  const auto files = cadenza::genre::collect_pieces(options.inputs);
  if (files.empty()) throw std::runtime_error("no audio or MIDI files found in the given inputs");
  for (int segment : segments)
    cadenza::refuse_output_over_input(output_for(options.output, segment, several), files);
  std::vector<bool> midi(files.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    midi[i] = std::filesystem::is_regular_file(files[i]) && cadenza::genre::is_midi_file(files[i]);
  if (std::find(midi.begin(), midi.end(), true) != midi.end() &&
      !std::filesystem::is_regular_file(options.soundfont))
    throw std::runtime_error(options.soundfont +
                             ": soundfont not found (install fluid-soundfont-gm or pass "
                             "--soundfont)");
  ExtractOptions extract;
  extract.extra = options.extra;
  extract.resampler = options.resampler;
  std::vector<SegmentMode> modes;
  for (int segment : segments)
    modes.push_back(segment == 3 ? SegmentMode::kThreeSeconds : SegmentMode::kWhole);

  cadenza::Progress progress("features", files.size(), "files");
  // results[i][k]: file i, segment length k. An audio file is decoded once for all lengths.
  std::vector<std::vector<FileResult>> results(files.size());
  cadenza::parallel_for(
      files.size(), options.threads ? options.threads : cadenza::app::default_threads(),
      [&](std::size_t i) {
        if (midi[i]) {
          for (int segment : segments) results[i].push_back(midi_rows(files[i], options, segment));
        } else {
          results[i] = extract_file(files[i], extract, modes);
          if (!options.label.empty())
            for (FileResult& result : results[i])
              for (FeatureRow& row : result.rows) row.label = options.label;
        }
      },
      [&](std::size_t i) {
        std::string reported;  // a file that cannot be decoded fails every length alike
        for (const FileResult& result : results[i])
          if (!result.error.empty() && result.error != reported) {
            std::fprintf(stderr, "cadenza features: error: %s\n", result.error.c_str());
            reported = result.error;
          }
        progress.advance();
      });
  progress.finish();

  std::size_t failed = 0;  // files with an error in any length
  for (const auto& file_results : results)
    failed += std::any_of(file_results.begin(), file_results.end(),
                          [](const FileResult& result) { return !result.error.empty(); });
  bool wrote = false;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    FeatureRows table{gtzan_value_columns(options.extra), {}};
    std::size_t files_with_rows = 0;
    for (const auto& file_results : results) {
      const FileResult& result = file_results[k];
      files_with_rows += result.error.empty();
      table.rows.insert(table.rows.end(), result.rows.begin(), result.rows.end());
    }
    if (table.rows.empty()) continue;
    const std::filesystem::path output = output_for(options.output, segments[k], several);
    cadenza::write_file_atomically(output, [&](std::ostream& out) {
      if (options.json)
        write_json(out, table);
      else
        write_csv(out, table);
    });
    wrote = true;
    std::fprintf(stderr, "cadenza features: %zu rows from %zu files -> %s\n", table.rows.size(),
                 files_with_rows, output.string().c_str());
  }
  if (failed > 0)
    throw std::runtime_error(std::to_string(failed) + " of " + std::to_string(files.size()) +
                             " files failed" +
                             (wrote ? " (their rows are missing)" : "; no output written"));
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
                      "30: one row per file; 3: one row per 3 s window; 30,3: both, decoding "
                      "each file once, into OUT with .30s / .3s before its extension")
           ->check([](const std::string& text) {
             try {
               parse_segments(text);
               return std::string();
             } catch (const std::invalid_argument& e) {
               return std::string(e.what());
             }
           });
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
