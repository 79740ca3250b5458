#include "cnn/dataset.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "audio/load.h"
#include "cnn/cnn_model.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "features/extract.h"
#include "features/gtzan.h"
#include "features/melspec.h"

namespace cadenza::cnn {

namespace fs = std::filesystem;

std::vector<std::vector<float>> cut_cnn_windows(const std::vector<float>& samples,
                                                std::size_t window) {
  std::vector<std::vector<float>> out;
  if (window == 0) return out;
  for (std::size_t start = 0; start + window <= samples.size(); start += window)
    out.emplace_back(samples.begin() + static_cast<long>(start),
                     samples.begin() + static_cast<long>(start + window));
  if (out.empty() && samples.size() * 2 >= window) {
    out.emplace_back(samples);
    out.back().resize(window, 0.0f);
  }
  return out;
}

ImageSet window_images(const std::vector<std::vector<float>>& windows) {
  ImageSet set;
  for (const auto& window : windows) {
    if (window.size() < features::kMinimumSamples)
      throw std::invalid_argument("cnn: a window of " + std::to_string(window.size()) +
                                  " samples is too short (at least " +
                                  std::to_string(features::kMinimumSamples) + ")");
    const features::LogMel mel = features::log_mel_spectrogram(window.data(), window.size());
    if (set.size() == 0) {
      set.bands = mel.bands;
      set.frames = mel.frames;
    } else if (mel.frames != set.frames) {
      throw std::invalid_argument("cnn: windows of different lengths in one image set");
    }
    set.add(mel.values.data(), -1, 0);
  }
  return set;
}

Augmenter paper_augmenter() {
  return [](const float* in, float* out, int bands, int frames, int kind, std::uint64_t seed) {
    const std::size_t size = static_cast<std::size_t>(bands) * frames;
    features::LogMel mel{bands, frames, std::vector<float>(in, in + size)};
    features::LogMel result;
    switch (kind) {
      case 0:
        result = features::frequency_mask(mel, seed);
        break;
      case 1:
        result = features::time_mask(mel, seed);
        break;
      default:
        result = features::gaussian_noise(mel, seed);
        break;
    }
    std::copy(result.values.begin(), result.values.end(), out);
  };
}

namespace {

struct FileWindows {
  std::vector<features::LogMel> mels;
  std::string error;
};

FileWindows process_file(const fs::path& file, std::size_t window) {
  FileWindows out;
  try {
    const audio::Audio audio = audio::load_mono(file, gtzan::kSampleRate);
    const auto windows = cut_cnn_windows(audio.samples, window);
    if (windows.empty())
      throw std::runtime_error("'" + file.string() + "': too short (" +
                               std::to_string(audio.samples.size()) + " samples, a window is " +
                               std::to_string(window) + ")");
    for (const auto& w : windows)
      out.mels.push_back(features::log_mel_spectrogram(w.data(), w.size()));
  } catch (const std::exception& e) {
    out.mels.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace

Dataset load_dataset(const fs::path& folder, const DatasetOptions& options,
                     const MessageSink& message) {
  auto say = [&](const std::string& text) {
    if (message) message(text);
  };
  std::error_code error;
  if (!fs::is_directory(folder, error))
    throw std::runtime_error("'" + folder.string() +
                             "': not a folder (expected one sub-folder of audio files per genre)");
  if (options.min_songs < 2) throw std::invalid_argument("--min-songs must be at least 2");
  Dataset data;
  data.segment_seconds = options.segment_seconds;
  data.window_samples = window_samples_for(options.segment_seconds);

  // Files in genre sub-folders (the first folder below `folder` names the genre).
  std::vector<std::pair<std::string, fs::path>> files;
  std::set<std::string> names;
  for (const fs::path& file : features::collect_audio_files({folder.string()})) {
    const fs::path relative = file.lexically_relative(folder);
    if (std::distance(relative.begin(), relative.end()) < 2) {
      say("skipped '" + file.string() + "': not in a genre sub-folder");
      continue;
    }
    const std::string name = file.filename().string();
    if (!names.insert(name).second)
      throw std::runtime_error("'" + folder.string() + "': two audio files named '" + name +
                               "' (songs are told apart by file name)");
    files.emplace_back(relative.begin()->string(), file);
  }
  if (files.empty())
    throw std::runtime_error("'" + folder.string() +
                             "': no audio files in genre sub-folders (expected <folder>/<genre>/"
                             "<file>.wav|flac|...)");

  // Decode and transform, `threads` files at a time.
  std::vector<FileWindows> results(files.size());
  {
    std::unique_ptr<Progress> progress;
    if (options.progress) progress = std::make_unique<Progress>("log-mel", files.size(), "files");
    parallel_for(
        files.size(), options.threads,
        [&](std::size_t i) { results[i] = process_file(files[i].second, data.window_samples); },
        [&](std::size_t) {
          if (progress) progress->advance();
        });
    if (progress) progress->finish();
  }

  // Songs per genre; genres with too few songs are left out.
  std::map<std::string, int> songs_of_genre;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!results[i].error.empty())
      say("skipped " + results[i].error);
    else
      ++songs_of_genre[files[i].first];
  }
  for (const auto& [genre, count] : songs_of_genre) {
    if (count >= options.min_songs)
      data.labels.push_back(genre);
    else
      say("left out genre '" + genre + "': " + std::to_string(count) + " song" +
          (count == 1 ? "" : "s") + ", fewer than --min-songs " +
          std::to_string(options.min_songs));
  }
  if (data.labels.size() < 2) {
    std::string found;
    for (const auto& [genre, count] : songs_of_genre)
      found += (found.empty() ? "" : ", ") + genre + " " + std::to_string(count);
    throw std::runtime_error("'" + folder.string() + "': need at least two genres with at least " +
                             std::to_string(options.min_songs) + " readable songs each (found: " +
                             (found.empty() ? "none" : found) + ")");
  }
  std::map<std::string, int> label_of;
  for (std::size_t l = 0; l < data.labels.size(); ++l)
    label_of[data.labels[l]] = static_cast<int>(l);

  std::vector<std::size_t> order(files.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return files[a].first != files[b].first ? files[a].first < files[b].first
                                            : files[a].second < files[b].second;
  });
  for (std::size_t i : order) {
    const auto label = label_of.find(files[i].first);
    if (label == label_of.end() || !results[i].error.empty()) continue;
    Song song;
    song.name = files[i].second.filename().string();
    song.path = files[i].second;
    song.label = label->second;
    song.first_image = data.images.size();
    const int song_index = static_cast<int>(data.songs.size());
    for (const features::LogMel& mel : results[i].mels) {
      if (data.images.size() == 0) {
        data.images.bands = mel.bands;
        data.images.frames = mel.frames;
      }
      data.images.add(mel.values.data(), song.label, song_index);
    }
    song.images = data.images.size() - song.first_image;
    data.songs.push_back(std::move(song));
    std::vector<features::LogMel>().swap(results[i].mels);
  }
  return data;
}

}  // namespace cadenza::cnn
