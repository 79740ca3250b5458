// cadenza melspec: log-mel spectrograms (.npy tensors and PNG images) with the paper's three
// augmentations (frequency mask, time mask, Gaussian noise), seeded.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "audio/load.h"
#include "command.h"
#include "commands/resample_option.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "features/extract.h"
#include "features/gtzan.h"
#include "features/image_io.h"
#include "features/melspec.h"

namespace {
namespace fs = std::filesystem;
using namespace cadenza::features;

struct MelspecArgs {
  std::vector<std::string> inputs;
  std::string output_dir;
  std::uint64_t seed = 0;
  bool augment = true;
  bool png = true;
  unsigned threads = 0;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
};

// Per-file seed: the same file gets the same masks whatever the thread order.
std::uint64_t file_seed(std::uint64_t seed, const std::string& name, std::uint64_t salt) {
  std::uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  return (h ^ salt) * 0x9E3779B97F4A7C15ull;
}

void write_outputs(const fs::path& base, const LogMel& mel, bool png) {
  write_npy(base.string() + ".npy", mel);
  if (png) write_png(base.string() + ".png", mel);
}

void process(const fs::path& file, const MelspecArgs& options) {
  const cadenza::audio::Audio audio =
      cadenza::audio::load_mono(file, cadenza::gtzan::kSampleRate, options.resampler);
  if (audio.samples.size() < kMinimumSamples)
    throw std::runtime_error("'" + file.string() +
                             "': too short: " + std::to_string(audio.samples.size()) +
                             " samples, need " + std::to_string(kMinimumSamples));
  const LogMel mel = log_mel_spectrogram(audio.samples.data(), audio.samples.size());
  const fs::path base = fs::path(options.output_dir) / file.stem();
  write_outputs(base, mel, options.png);
  if (!options.augment) return;
  const std::string name = file.filename().string();
  write_outputs(base.string() + ".freqmask", frequency_mask(mel, file_seed(options.seed, name, 1)),
                options.png);
  write_outputs(base.string() + ".timemask", time_mask(mel, file_seed(options.seed, name, 2)),
                options.png);
  write_outputs(base.string() + ".noise", gaussian_noise(mel, file_seed(options.seed, name, 3)),
                options.png);
}

void run_melspec(const MelspecArgs& options) {
  const auto files = collect_audio_files(options.inputs);
  if (files.empty()) throw std::runtime_error("no audio files found in the given inputs");
  std::error_code error;
  const bool folder_existed = fs::exists(options.output_dir, error);
  fs::create_directories(options.output_dir, error);
  if (!fs::is_directory(options.output_dir))
    throw std::runtime_error("'" + options.output_dir + "': cannot create the output folder");
  cadenza::Progress progress("melspec", files.size(), "files");
  std::vector<std::string> errors(files.size());  // empty: the file worked
  cadenza::parallel_for(
      files.size(), options.threads ? options.threads : cadenza::app::default_threads(),
      [&](std::size_t i) {
        try {
          process(files[i], options);
        } catch (const std::exception& e) {
          errors[i] = e.what();
        }
      },
      [&](std::size_t i) {
        if (!errors[i].empty())
          std::fprintf(stderr, "cadenza melspec: error: %s\n", errors[i].c_str());
        progress.advance();
      });
  const auto failed =
      std::count_if(errors.begin(), errors.end(), [](const std::string& e) { return !e.empty(); });
  progress.finish();
  // A folder this run created and filled with nothing is not left behind (fs::remove only
  // removes an empty folder).
  if (!folder_existed) fs::remove(options.output_dir, error);
  if (failed > 0)
    throw std::runtime_error(std::to_string(failed) + " of " + std::to_string(files.size()) +
                             " files failed");
}

const bool registered = cadenza::app::register_command(
    {"melspec",
     "log-mel spectrograms (.npy + PNG) and their frequency-mask, time-mask and noise "
     "augmentations",
     [](CLI::App& sub) {
       auto options = std::make_shared<MelspecArgs>();
       sub.add_option("inputs", options->inputs, "audio files or folders (searched recursively)")
           ->required();
       sub.add_option("-o,--output", options->output_dir, "output folder")->required();
       sub.add_option("--seed", options->seed, "seed of the random augmentations");
       sub.add_flag("!--no-augment", options->augment, "only the plain spectrogram");
       sub.add_flag("!--no-png", options->png, "only the .npy tensors");
       sub.add_option("--threads", options->threads, "files in parallel (0: all cores)");
       cadenza::app::add_resample_option(sub, options->resampler);
       sub.callback([options] { run_melspec(*options); });
     }});

}  // namespace
