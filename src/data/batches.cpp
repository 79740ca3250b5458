#include "data/batches.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace cadenza::data {

WindowSampler::WindowSampler(const std::vector<Sequence>& sequences, std::size_t length,
                             std::size_t stride, std::vector<std::vector<std::size_t>> anchors,
                             std::size_t prefix)
    : sequences_(sequences),
      length_(length),
      stride_(stride),
      anchors_(std::move(anchors)),
      prefix_(prefix) {
  if (!anchors_.empty() && anchors_.size() != sequences_.size())
    throw std::invalid_argument("window anchors: one list per sequence expected");
  if (length_ < prefix_ + 2)
    throw std::invalid_argument("window length must be at least 2 after its prefix");
  if (stride_ == 0) throw std::invalid_argument("window stride must be at least 1");
  std::size_t longest = 0;
  for (const auto& s : sequences_) longest = std::max(longest, s.size());
  if (longest < length_)
    throw std::invalid_argument("no sequence holds one window: the longest has " +
                                std::to_string(longest) + " tokens, a window needs " +
                                std::to_string(length_));
}

std::vector<WindowStart> take_turns(const std::vector<WindowStart>& starts,
                                    const std::vector<std::size_t>& group_of) {
  std::size_t groups = 0;
  for (std::size_t g : group_of) groups = std::max(groups, g + 1);
  std::vector<std::vector<WindowStart>> by_group(groups);
  for (const WindowStart& start : starts) by_group.at(group_of.at(start.sequence)).push_back(start);
  // Groups without windows (a genre with no training piece) sit out.
  by_group.erase(std::remove_if(by_group.begin(), by_group.end(),
                                [](const auto& group) { return group.empty(); }),
                 by_group.end());
  std::size_t rounds = starts.size();
  for (const auto& group : by_group) rounds = std::min(rounds, group.size());
  std::vector<WindowStart> turns;
  turns.reserve(rounds * by_group.size());
  for (std::size_t r = 0; r < rounds; ++r)
    for (const auto& group : by_group) turns.push_back(group[r]);
  return turns;
}

std::vector<WindowStart> WindowSampler::epoch(std::mt19937_64* rng) const {
  std::vector<WindowStart> starts;
  for (std::size_t s = 0; s < sequences_.size(); ++s) {
    const std::size_t size = sequences_[s].size();
    if (size < length_) continue;
    const std::size_t body = length_ - prefix_;  // ids after the prefix
    std::size_t first = prefix_ + (rng ? (*rng)() % std::min(stride_, size - length_ + 1) : 0);
    for (std::size_t offset = first; offset + body <= size; offset += stride_) {
      if (anchors_.empty()) {
        starts.push_back({s, offset});
        continue;
      }
      const auto& anchors = anchors_[s];
      auto next = std::lower_bound(anchors.begin(), anchors.end(), offset);
      if (next == anchors.end() || *next + body > size) break;
      if (starts.empty() || starts.back().sequence != s || starts.back().offset != *next)
        starts.push_back({s, *next});
    }
  }
  if (rng)
    for (std::size_t i = starts.size() - 1; i > 0; --i)
      std::swap(starts[i], starts[(*rng)() % (i + 1)]);
  return starts;
}

Batch WindowSampler::batch(const std::vector<WindowStart>& starts, std::size_t first,
                           std::size_t rows, const Augmenter* augmenter,
                           std::mt19937_64* rng) const {
  if (first >= starts.size()) throw std::out_of_range("batch starts past the epoch's windows");
  rows = std::min(rows, starts.size() - first);
  Batch batch;
  batch.rows = rows;
  batch.length = length_;
  batch.ids.resize(rows * length_);
  for (std::size_t r = 0; r < rows; ++r) {
    const WindowStart& start = starts[first + r];
    const std::int64_t* sequence = sequences_[start.sequence].data();
    std::int64_t* row = batch.ids.data() + r * length_;
    std::copy(sequence, sequence + prefix_, row);
    std::copy(sequence + start.offset, sequence + start.offset + (length_ - prefix_),
              row + prefix_);
    if (augmenter && rng) augmenter->augment(row, length_, *rng);
  }
  return batch;
}

}  // namespace cadenza::data
