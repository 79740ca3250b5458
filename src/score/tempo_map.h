#pragma once
// Converts ticks to seconds through a list of tempo changes in O(log n) per query: the seconds
// at each change are accumulated once.
#include <cstdint>
#include <vector>

#include "score/score.h"

namespace cadenza::score {

class TempoMap {
 public:
  // `tempos` sorted by tick; an empty list or one starting after tick 0 implies 120 BPM before.
  TempoMap(const std::vector<TempoChange>& tempos, int ticks_per_quarter);

  double seconds_at(std::int64_t tick) const;

 private:
  struct Segment {
    std::int64_t tick;
    double seconds;  // at `tick`
    double seconds_per_tick;
  };
  std::vector<Segment> segments_;  // first at tick 0
};

}  // namespace cadenza::score
