// cadenza features: librosa's GTZAN feature rows for audio files (CSV or JSON).
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "command.h"
#include "commands/resample_option.h"
#include "common/atomic_file.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "features/extract.h"
#include "features/gtzan.h"

namespace {

struct FeaturesOptions {
  std::vector<std::string> inputs;
  std::string output;
  int segment = 30;
  bool extra = false;
  bool json = false;
  unsigned threads = 0;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
};

void run_features(const FeaturesOptions& options) {
  using namespace cadenza::features;
  const auto files = collect_audio_files(options.inputs);
  if (files.empty()) throw std::runtime_error("no audio files found in the given inputs");
  cadenza::refuse_output_over_input(options.output, files);
  ExtractOptions extract;
  extract.segment = options.segment == 3 ? SegmentMode::kThreeSeconds : SegmentMode::kWhole;
  extract.extra = options.extra;
  extract.resampler = options.resampler;
  extract.threads = options.threads ? options.threads : cadenza::app::default_threads();

  cadenza::Progress progress("features", files.size(), "files");
  const auto results = extract_files(files, extract, [&](const FileResult& result) {
    if (!result.error.empty())
      std::fprintf(stderr, "cadenza features: error: %s\n", result.error.c_str());
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
       auto options = std::make_shared<FeaturesOptions>();
       sub.add_option("inputs", options->inputs, "audio files or folders (searched recursively)")
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
       cadenza::app::add_resample_option(sub, options->resampler);
       sub.callback([options] { run_features(*options); });
     }});

}  // namespace
