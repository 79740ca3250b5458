#pragma once
// Choosing the next token from a logits vector: temperature, top-k and top-p (nucleus)
// filtering, then one seeded draw. No torch here, and no standard distributions either:
// every draw comes from std::mt19937_64's raw 64 bits through our own arithmetic, so a seed
// gives the same tokens on every machine and standard library.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace cadenza::generate {

// A genre model's temperature unless one is asked for: at the paper's 0.7 it falls into another
// genre's habits (9 of 20 jazz pieces heard as jazz by the token judge; 18 at 1.0,
// docs/genre.md), since 0.7 sharpens the modes that folk's and pop's constant velocities and
// lone piano make likely.
inline constexpr double kGenreModelTemperature = 1.0;

struct SamplingOptions {
  double temperature = 0.7;  // 0 = argmax (the paper's "lazy" greedy choice)
  int top_k = 0;             // keep the k most likely tokens; 0 = all
  double top_p = 1.0;        // keep the smallest set whose probability reaches p; 1 = all
  void validate() const;     // throws std::invalid_argument naming the bad option
};

// The distribution that sample() draws from: softmax(logits / temperature) restricted to the
// top-k and top-p sets and renormalised. Ties keep the lower index first. With temperature 0
// it is one-hot on the (first) largest logit.
std::vector<double> sampling_distribution(const std::vector<float>& logits,
                                          const SamplingOptions& options);

class Sampler {
 public:
  explicit Sampler(std::uint64_t seed) : engine_(seed) {}
  double uniform();   // [0, 1) from the top 53 bits of one engine output
  double gaussian();  // N(0, 1) by Box-Muller over two uniform() draws
  // One token id drawn from sampling_distribution(logits, options).
  std::size_t sample(const std::vector<float>& logits, const SamplingOptions& options);
  // An integer in [0, n) (n > 0), by rejection so that every value is equally likely.
  std::uint64_t below(std::uint64_t n);

 private:
  std::mt19937_64 engine_;
};

}  // namespace cadenza::generate
