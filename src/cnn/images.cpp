#include "cnn/images.h"

#include <algorithm>
#include <stdexcept>

namespace cadenza::cnn {

void ImageSet::add(const float* image, int label, int song) {
  values.insert(values.end(), image, image + image_size());
  labels.push_back(label);
  songs.push_back(song);
}

ImageSet select(const ImageSet& set, const std::vector<std::size_t>& indices) {
  ImageSet out;
  out.bands = set.bands;
  out.frames = set.frames;
  out.values.reserve(indices.size() * set.image_size());
  for (std::size_t i : indices) {
    if (i >= set.size()) throw std::out_of_range("cnn::select: image index out of range");
    out.add(set.image(i), set.labels[i], set.songs[i]);
  }
  return out;
}

void shift_image(const float* in, float* out, int bands, int frames, int band_shift,
                 int frame_shift) {
  const std::size_t size = static_cast<std::size_t>(bands) * static_cast<std::size_t>(frames);
  const float floor = size > 0 ? *std::min_element(in, in + size) : 0.0f;
  const int roll = frames > 0 ? ((frame_shift % frames) + frames) % frames : 0;
  for (int b = 0; b < bands; ++b) {
    float* row = out + static_cast<std::size_t>(b) * static_cast<std::size_t>(frames);
    const int source = b - band_shift;
    if (source < 0 || source >= bands) {
      std::fill(row, row + frames, floor);
      continue;
    }
    const float* from = in + static_cast<std::size_t>(source) * static_cast<std::size_t>(frames);
    for (int t = 0; t < frames; ++t) row[(t + roll) % frames] = from[t];
  }
}

namespace {
std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
}  // namespace

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return splitmix(splitmix(splitmix(splitmix(seed) ^ a) ^ b) ^ c);
}

}  // namespace cadenza::cnn
