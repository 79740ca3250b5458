#pragma once
// Feature rows for audio files: decode, cut into GTZAN segments, compute, in parallel over
// files. A file that cannot be used gets an error message; the others go on.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "audio/resample.h"
#include "features/table.h"

namespace cadenza::features {

enum class SegmentMode { kWhole, kThreeSeconds };  // --segment 30 | 3

struct ExtractOptions {
  SegmentMode segment = SegmentMode::kWhole;
  bool extra = false;
  unsigned threads = 1;
  audio::Resampler resampler = audio::Resampler::kKaiserBest;  // files not at 22,050 Hz
};

struct FileResult {
  std::filesystem::path file;
  std::vector<FeatureRow> rows;
  std::string error;  // empty on success
};

// Audio files named by `inputs`: files as given, folders searched recursively for known audio
// extensions (wav flac ogg oga au snd aiff aif mp3), sorted by path.
std::vector<std::filesystem::path> collect_audio_files(const std::vector<std::string>& inputs);

// The rows of a decoded mono 22,050 Hz signal: the GTZAN 30 s row named `file_name`, or one row
// per whole 66,149-sample window named "<stem>.<k>.wav". Throws std::runtime_error for a signal
// too short for one row and for a feature that is not finite.
std::vector<FeatureRow> extract_signal(const std::vector<float>& samples,
                                       const std::filesystem::path& file_name,
                                       const std::string& label, const ExtractOptions& options);

// The rows of one file (extract_signal of its decoded samples, labelled by its folder's name).
FileResult extract_file(const std::filesystem::path& file, const ExtractOptions& options);

// The rows of one file for several segment modes, decoding it once (`cadenza features
// --segment 30,3`): result k is extract_file(file, options with segment = segments[k]).
std::vector<FileResult> extract_file(const std::filesystem::path& file,
                                     const ExtractOptions& options,
                                     const std::vector<SegmentMode>& segments);

// All files, `options.threads` at a time; results in input order. on_done runs after each file
// (from worker threads, one at a time).
std::vector<FileResult> extract_files(const std::vector<std::filesystem::path>& files,
                                      const ExtractOptions& options,
                                      const std::function<void(const FileResult&)>& on_done = {});

}  // namespace cadenza::features
