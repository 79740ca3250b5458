#include "eval/phrase_copy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace cadenza::eval {
namespace {

struct PhraseNote {
  double onset_quarters, duration_quarters;
  int pitch;
};

int steps(double quarters, int low) {
  const double s = std::nearbyint(quarters * kPhraseStepsPerQuarter);
  return static_cast<int>(std::clamp(s, static_cast<double>(low), double{kPhraseMaxSteps}));
}

// FNV-1a over the phrase's numbers.
std::uint64_t mix(std::uint64_t hash, std::int64_t value) {
  auto v = static_cast<std::uint64_t>(value);
  for (int byte = 0; byte < 8; ++byte) {
    hash ^= (v >> (8 * byte)) & 0xff;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::vector<std::uint64_t> phrase_hashes(const score::Score& score) {
  std::map<std::pair<int, int>, std::vector<PhraseNote>> tracks;  // (track, channel)
  for (const score::Note& note : score.notes)
    if (!note.is_drum())
      tracks[{note.track, note.channel}].push_back(
          {note.start_quarters, note.duration_quarters, note.pitch});
  std::vector<std::uint64_t> hashes;
  for (auto& [key, notes] : tracks) {
    std::stable_sort(notes.begin(), notes.end(), [](const PhraseNote& a, const PhraseNote& b) {
      return a.onset_quarters != b.onset_quarters ? a.onset_quarters < b.onset_quarters
                                                  : a.pitch < b.pitch;
    });
    for (std::size_t first = 0; first + kPhraseNotes <= notes.size(); ++first) {
      std::uint64_t hash = 14695981039346656037ULL;
      for (std::size_t i = first; i < first + kPhraseNotes; ++i) {
        if (i > first) {
          hash = mix(hash, notes[i].pitch - notes[i - 1].pitch);
          hash = mix(hash, steps(notes[i].onset_quarters - notes[i - 1].onset_quarters, 0));
        }
        hash = mix(hash, steps(notes[i].duration_quarters, 1));
      }
      hashes.push_back(hash);
    }
  }
  return hashes;
}

void PhraseIndex::add(const score::Score& score) { add_hashes(phrase_hashes(score)); }

void PhraseIndex::add_hashes(const std::vector<std::uint64_t>& hashes) {
  hashes_.insert(hashes.begin(), hashes.end());
}

double phrase_copy_rate(const score::Score& score, const PhraseIndex& index) {
  const std::vector<std::uint64_t> hashes = phrase_hashes(score);
  if (hashes.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto copied = std::count_if(hashes.begin(), hashes.end(),
                                    [&](std::uint64_t h) { return index.contains(h); });
  return static_cast<double>(copied) / static_cast<double>(hashes.size());
}

}  // namespace cadenza::eval
