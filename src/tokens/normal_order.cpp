#include "tokens/normal_order.h"

#include <algorithm>

namespace cadenza::tokens {
namespace {

std::vector<int> distinct_sorted(const std::vector<int>& pcs) {
  std::vector<int> out;
  for (int p : pcs) out.push_back(((p % 12) + 12) % 12);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Rotation `start` of `sorted`, transposed so that it begins on 0.
std::vector<int> rotation_from_zero(const std::vector<int>& sorted, std::size_t start) {
  std::vector<int> out;
  const int base = sorted[start];
  for (std::size_t i = 0; i < sorted.size(); ++i)
    out.push_back(((sorted[(start + i) % sorted.size()] - base) % 12 + 12) % 12);
  return out;
}

// The ordering of candidate normal orders (all starting on 0) that reproduces music21's tables:
// the smaller span wins; on a tie, the set packed towards the start, compared from the second
// element up. (Comparing from the second-to-last element down instead disagrees with music21 on
// 5-20, 6-Z29, 6-31, 7-Z18, 7-20 and 8-26; all 1,326 distinct chord tokens in the reference
// tokenizations follow this rule.)
bool more_packed(const std::vector<int>& a, const std::vector<int>& b) {
  const std::size_t n = a.size();
  if (a[n - 1] != b[n - 1]) return a[n - 1] < b[n - 1];
  for (std::size_t i = 1; i + 1 < n; ++i)
    if (a[i] != b[i]) return a[i] < b[i];
  return false;
}

}  // namespace

std::vector<int> prime_form(const std::vector<int>& pitch_classes) {
  const std::vector<int> set = distinct_sorted(pitch_classes);
  if (set.empty()) return {};
  std::vector<int> inverted;
  for (int p : set) inverted.push_back((12 - p) % 12);
  inverted = distinct_sorted(inverted);
  std::vector<int> best;
  for (const std::vector<int>* candidate_set :
       {&set, &static_cast<const std::vector<int>&>(inverted)})
    for (std::size_t r = 0; r < candidate_set->size(); ++r) {
      std::vector<int> candidate = rotation_from_zero(*candidate_set, r);
      if (best.empty() || more_packed(candidate, best)) best = std::move(candidate);
    }
  return best;
}

std::vector<int> normal_order(const std::vector<int>& pitch_classes) {
  const std::vector<int> set = distinct_sorted(pitch_classes);
  if (set.size() <= 1) return set;
  const std::vector<int> prime = prime_form(set);
  // The inverted prime form as music21's tables store it: reversed, inverted, from 0.
  std::vector<int> inverted_prime;
  for (auto it = prime.rbegin(); it != prime.rend(); ++it)
    inverted_prime.push_back((12 - *it) % 12);
  const int base = inverted_prime.front();
  for (int& p : inverted_prime) p = ((p - base) % 12 + 12) % 12;
  for (const std::vector<int>* pattern :
       {&prime, &static_cast<const std::vector<int>&>(inverted_prime)})
    for (std::size_t r = 0; r < set.size(); ++r)
      if (rotation_from_zero(set, r) == *pattern) {
        std::vector<int> out;
        for (std::size_t i = 0; i < set.size(); ++i) out.push_back(set[(r + i) % set.size()]);
        return out;
      }
  return set;  // unreachable: the set always matches its prime form or its inversion
}

std::string chord_token(const std::vector<int>& midi_pitches) {
  // Every chord token depends only on the set of pitch classes: 4096 possible sets, computed
  // once (about 10 ms) and looked up afterwards.
  static const std::vector<std::string> kTokens = [] {
    std::vector<std::string> tokens(4096);
    for (int mask = 1; mask < 4096; ++mask) {
      std::vector<int> pcs;
      for (int pc = 0; pc < 12; ++pc)
        if (mask & (1 << pc)) pcs.push_back(pc);
      for (int pc : normal_order(pcs)) {
        if (!tokens[mask].empty()) tokens[mask] += '.';
        tokens[mask] += std::to_string(pc);
      }
    }
    return tokens;
  }();
  int mask = 0;
  for (int p : midi_pitches) mask |= 1 << (((p % 12) + 12) % 12);
  return kTokens[mask];
}

}  // namespace cadenza::tokens
