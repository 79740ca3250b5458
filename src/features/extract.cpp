#include "features/extract.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "audio/load.h"
#include "common/parallel.h"
#include "features/gtzan.h"

namespace cadenza::features {
namespace fs = std::filesystem;

namespace {
bool is_audio_extension(const fs::path& path) {
  static const std::set<std::string> known = {".wav", ".flac", ".ogg", ".oga", ".au",
                                              ".snd", ".aiff", ".aif", ".mp3"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return known.count(ext) > 0;
}

FeatureRow make_row(const std::string& name, const std::string& label, const float* y,
                    std::size_t count, bool extra) {
  FeatureRow row{name, gtzan_values(y, count, extra), label};
  for (double v : row.values)
    if (!std::isfinite(v)) throw std::runtime_error("a feature of '" + name + "' is not finite");
  return row;
}
}  // namespace

std::vector<fs::path> collect_audio_files(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const std::string& input : inputs) {
    const fs::path path(input);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(
               path, fs::directory_options::skip_permission_denied, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error) && is_audio_extension(it->path()))
          found.push_back(it->path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);  // existence and format are checked per file, with a clear error
    }
  }
  return files;
}

std::vector<FeatureRow> extract_signal(const std::vector<float>& y, const fs::path& file_name,
                                       const std::string& label, const ExtractOptions& options) {
  std::vector<FeatureRow> rows;
  if (options.segment == SegmentMode::kWhole) {
    if (y.size() < kMinimumSamples)
      throw std::runtime_error("too short: " + std::to_string(y.size()) +
                               " samples, need at least " + std::to_string(kMinimumSamples));
    rows.push_back(make_row(file_name.string(), label, y.data(), y.size(), options.extra));
    return rows;
  }
  const std::size_t windows = y.size() / gtzan::kThreeSecondSamples;
  if (windows == 0)
    throw std::runtime_error("too short: " + std::to_string(y.size()) +
                             " samples, a 3 s window needs " +
                             std::to_string(gtzan::kThreeSecondSamples));
  const std::string stem = file_name.stem().string();
  for (std::size_t k = 0; k < windows; ++k)
    rows.push_back(make_row(stem + "." + std::to_string(k) + ".wav", label,
                            y.data() + k * gtzan::kThreeSecondSamples, gtzan::kThreeSecondSamples,
                            options.extra));
  return rows;
}

FileResult extract_file(const fs::path& file, const ExtractOptions& options) {
  return std::move(extract_file(file, options, {options.segment}).front());
}

std::vector<FileResult> extract_file(const fs::path& file, const ExtractOptions& options,
                                     const std::vector<SegmentMode>& segments) {
  std::vector<FileResult> results(segments.size(), FileResult{file, {}, {}});
  audio::Audio audio;
  std::string label;
  try {
    audio = audio::load_mono(file, gtzan::kSampleRate, options.resampler);
    label = fs::absolute(file).parent_path().filename().string();
  } catch (const audio::AudioError& e) {
    for (FileResult& result : results) result.error = e.what();
    return results;
  } catch (const std::exception& e) {
    for (FileResult& result : results) result.error = "'" + file.string() + "': " + e.what();
    return results;
  }
  for (std::size_t k = 0; k < segments.size(); ++k) {
    ExtractOptions one = options;
    one.segment = segments[k];
    try {
      results[k].rows = extract_signal(audio.samples, file.filename(), label, one);
    } catch (const std::exception& e) {
      results[k].rows.clear();
      results[k].error = "'" + file.string() + "': " + e.what();
    }
  }
  return results;
}

std::vector<FileResult> extract_files(const std::vector<fs::path>& files,
                                      const ExtractOptions& options,
                                      const std::function<void(const FileResult&)>& on_done) {
  std::vector<FileResult> results(files.size());
  parallel_for(
      files.size(), options.threads,
      [&](std::size_t i) { results[i] = extract_file(files[i], options); },
      [&](std::size_t i) {
        if (on_done) on_done(results[i]);
      });
  return results;
}

}  // namespace cadenza::features
