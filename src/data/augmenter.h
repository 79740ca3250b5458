#pragma once
// What changes a training window in place to augment the data (a transposition), whatever
// tokens it is made of.
#include <cstddef>
#include <cstdint>
#include <random>

namespace cadenza::data {

class Augmenter {
 public:
  virtual ~Augmenter() = default;
  // Changes ids[0, count) in place; returns what was applied (the shift in semitones).
  virtual int augment(std::int64_t* ids, std::size_t count, std::mt19937_64& rng) const = 0;
};

}  // namespace cadenza::data
