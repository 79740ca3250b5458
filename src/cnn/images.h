#pragma once
// A stack of equally sized log-mel images (bands x frames each, band-major as features::LogMel)
// with a class and a song per image: what the CNN trains on and predicts. No torch here.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace cadenza::cnn {

struct ImageSet {
  int bands = 0, frames = 0;
  std::vector<float> values;  // image i at values[i * bands * frames]
  std::vector<int> labels;    // class index per image (-1: unknown)
  std::vector<int> songs;     // song index per image

  std::size_t image_size() const { return static_cast<std::size_t>(bands) * frames; }
  std::size_t size() const { return labels.size(); }
  const float* image(std::size_t i) const { return values.data() + i * image_size(); }
  float* image(std::size_t i) { return values.data() + i * image_size(); }
  void add(const float* image, int label, int song);
};

// The images whose index is listed, in that order.
ImageSet select(const ImageSet& set, const std::vector<std::size_t>& indices);

// Writes augmented copy `kind` (0: frequency mask, 1: time mask, 2: Gaussian noise) of the image
// `in` to `out` (both bands x frames), drawing its randomness from `seed`.
using Augmenter = std::function<void(const float* in, float* out, int bands, int frames, int kind,
                                     std::uint64_t seed)>;
constexpr int kAugmentedCopies = 3;

// Writes `in` (bands x frames) to `out` moved by `band_shift` mel bands (positive: towards
// higher bands, roughly a pitch shift up: mel bands are close to log-spaced above ~1 kHz; the
// bands that empty are filled with the image's lowest value, i.e. silence) and rolled
// circularly by `frame_shift` frames (positive: later; a time shift). in != out.
void shift_image(const float* in, float* out, int bands, int frames, int band_shift,
                 int frame_shift);

// A well-mixed 64-bit seed from a seed and up to three indices (splitmix64 steps).
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0,
                       std::uint64_t c = 0);

}  // namespace cadenza::cnn
