#include "generate/prime.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "tokens/pitch_names.h"

namespace cadenza::generate {
namespace {

struct VocabShapes {
  std::vector<std::pair<int, std::int64_t>> notes;                // (pitch, id)
  std::vector<std::pair<std::vector<int>, std::int64_t>> chords;  // (sorted classes, id)
};

VocabShapes shapes_of(const tokens::Vocab& vocab) {
  VocabShapes shapes;
  for (std::size_t id = 0; id < vocab.size(); ++id) {
    const std::string& t = vocab.token(static_cast<std::int64_t>(id));
    if (auto pitch = tokens::parse_pitch_name(t)) {
      shapes.notes.emplace_back(*pitch, id);
    } else {
      auto classes = tokens::token_pitch_classes(t);
      if (classes.empty()) continue;
      std::sort(classes.begin(), classes.end());
      classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
      shapes.chords.emplace_back(std::move(classes), id);
    }
  }
  return shapes;
}

std::optional<std::int64_t> nearest_note(const VocabShapes& shapes, int pitch) {
  std::optional<std::int64_t> best;
  int best_distance = 1 << 20, best_pitch = 0;
  for (const auto& [p, id] : shapes.notes) {
    const int d = std::abs(p - pitch);
    if (d < best_distance || (d == best_distance && p < best_pitch)) {
      best = id;
      best_distance = d;
      best_pitch = p;
    }
  }
  return best;
}

std::optional<std::int64_t> best_chord(const VocabShapes& shapes, const std::vector<int>& classes) {
  std::optional<std::int64_t> best;
  double best_jaccard = 0;
  std::size_t best_shared = 0;
  for (const auto& [chord, id] : shapes.chords) {
    std::vector<int> shared;
    std::set_intersection(classes.begin(), classes.end(), chord.begin(), chord.end(),
                          std::back_inserter(shared));
    if (shared.empty()) continue;
    const double jaccard = static_cast<double>(shared.size()) /
                           static_cast<double>(classes.size() + chord.size() - shared.size());
    if (!best || jaccard > best_jaccard ||
        (jaccard == best_jaccard && shared.size() > best_shared)) {
      best = id;
      best_jaccard = jaccard;
      best_shared = shared.size();
    }
  }
  return best;
}

}  // namespace

MappedPrime map_to_vocab(const std::vector<std::string>& tokens, const tokens::Vocab& vocab,
                         const std::string& source) {
  if (tokens.empty()) throw std::invalid_argument(source + ": the prime has no notes or chords");
  const VocabShapes shapes = shapes_of(vocab);
  MappedPrime out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (auto id = vocab.find(t)) {
      out.ids.push_back(*id);
      continue;
    }
    std::optional<std::int64_t> id;
    if (auto pitch = tokens::parse_pitch_name(t)) {
      id = nearest_note(shapes, *pitch);
      if (!id) id = best_chord(shapes, {*pitch % 12});
    } else if (auto classes = tokens::token_pitch_classes(t); !classes.empty()) {
      std::sort(classes.begin(), classes.end());
      classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
      id = best_chord(shapes, classes);
      if (!id) id = nearest_note(shapes, 60 + tokens::token_pitch_classes(t).front());
    }
    if (!id)
      throw std::invalid_argument(source + ": token " + std::to_string(i + 1) + " '" + t +
                                  "' is not in the model's vocabulary and has no near match");
    out.ids.push_back(*id);
    ++out.mapped;
    if (out.examples.size() < 5) out.examples.emplace_back(t, vocab.token(*id));
  }
  return out;
}

}  // namespace cadenza::generate
