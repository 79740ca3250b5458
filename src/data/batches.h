#pragma once
// Windows and batches for sequence models, without torch: a window is `length` consecutive
// ids of one sequence (the model's input plus what it predicts), a batch is `size` windows
// stored row-major. Each epoch the window starts move by a random offset and the windows are
// shuffled, so successive epochs see different cuts of the same music.
#include <cstdint>
#include <random>
#include <vector>

#include "data/augmenter.h"
#include "data/split.h"

namespace cadenza::data {

struct Batch {
  std::vector<std::int64_t> ids;  // rows * length
  std::size_t rows = 0;
  std::size_t length = 0;
};

struct WindowStart {
  std::size_t sequence;
  std::size_t offset;
};

// Shuffled window starts reordered so that groups take turns (window i from group i mod G),
// until the smallest group runs out: each group (e.g. a genre) weighs the same in an epoch,
// whatever its share of the tokens. `group_of` gives each sequence's group in [0, G).
std::vector<WindowStart> take_turns(const std::vector<WindowStart>& starts,
                                    const std::vector<std::size_t>& group_of);

class WindowSampler {
 public:
  // Windows of `length` ids every `stride` ids. Throws when no sequence holds one window.
  // With `anchors` (per sequence, sorted positions where a window may start, e.g. its bars)
  // each window moves forward to the next anchor. With `prefix` > 0 the first `prefix` ids of
  // every sequence (its condition, e.g. a genre token) open every window, followed by
  // length - prefix ids from the window's start (never before position `prefix`).
  WindowSampler(const std::vector<Sequence>& sequences, std::size_t length, std::size_t stride,
                std::vector<std::vector<std::size_t>> anchors = {}, std::size_t prefix = 0);

  // The window starts of one epoch: shifted by a random offset in [0, stride) and shuffled
  // when `shuffle`; in order from offset 0 otherwise (validation).
  std::vector<WindowStart> epoch(std::mt19937_64* rng) const;
  // Cuts `starts[first, first + rows)` into a batch; augments each window (a random valid
  // transposition) when `augmenter` is given.
  Batch batch(const std::vector<WindowStart>& starts, std::size_t first, std::size_t rows,
              const Augmenter* augmenter = nullptr, std::mt19937_64* rng = nullptr) const;

  std::size_t length() const { return length_; }
  std::size_t stride() const { return stride_; }
  std::size_t windows_per_epoch() const { return epoch(nullptr).size(); }

 private:
  const std::vector<Sequence>& sequences_;
  std::size_t length_, stride_;
  std::vector<std::vector<std::size_t>> anchors_;
  std::size_t prefix_;
};

}  // namespace cadenza::data
