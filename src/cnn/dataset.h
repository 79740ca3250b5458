#pragma once
// An audio folder with one sub-folder per genre -> songs -> consecutive windows -> one log-mel
// image per window (features::log_mel_spectrogram: 128 bands, dB below the window's peak).
// Labels are the sub-folder names; a song is one file, so every window of a recording stays
// with its song when the data is split.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "cnn/images.h"

namespace cadenza::cnn {

struct Song {
  std::string name;  // file name, e.g. "jazz.00003.flac"
  std::filesystem::path path;
  int label = 0;
  std::size_t first_image = 0, images = 0;  // its windows in Dataset::images
};

struct Dataset {
  std::vector<std::string> labels;  // genre names, alphabetical
  std::vector<Song> songs;          // by label, then by path
  ImageSet images;                  // every window; ImageSet::songs indexes `songs`
  double segment_seconds = 3;
  std::size_t window_samples = 0;
};

struct DatasetOptions {
  double segment_seconds = 3;  // 3: the GTZAN 66,149-sample windows; 30: whole GTZAN clips
  int min_songs = 5;           // genres with fewer readable songs are left out
  unsigned threads = 1;        // files decoded and transformed in parallel
  bool progress = true;        // a progress line on a terminal
};

using MessageSink = std::function<void(const std::string&)>;

// Unreadable files and files outside a genre sub-folder are skipped, and genres with fewer than
// min_songs songs left out, each with a message to `message`. Throws std::runtime_error when
// the folder is missing or empty, or fewer than two genres remain.
Dataset load_dataset(const std::filesystem::path& folder, const DatasetOptions& options,
                     const MessageSink& message = {});

// The windows a CNN trains on and predicts from: consecutive windows of `window` samples, a
// shorter tail dropped; a clip shorter than one window but at least half of it gives one window
// padded with silence; shorter ones none. (Feature classifiers cut by another rule:
// genre::cut_windows.)
std::vector<std::vector<float>> cut_cnn_windows(const std::vector<float>& samples,
                                                std::size_t window);

// One log-mel image per window (all windows of one length).
ImageSet window_images(const std::vector<std::vector<float>>& windows);

// The paper's augmentations from features/melspec.h: frequency mask (1-24 bands), time mask
// (1-80 frames, at most a quarter), Gaussian noise (std 0.3 x the image's std).
Augmenter paper_augmenter();

}  // namespace cadenza::cnn
