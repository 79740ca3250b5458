#include "score/tempo_map.h"

#include <algorithm>

namespace cadenza::score {

TempoMap::TempoMap(const std::vector<TempoChange>& tempos, int ticks_per_quarter) {
  const double quarter = ticks_per_quarter > 0 ? ticks_per_quarter : 480;
  auto per_tick = [&](double microseconds) { return microseconds * 1e-6 / quarter; };
  segments_.push_back({0, 0.0, per_tick(500000)});
  for (const TempoChange& change : tempos) {
    if (change.microseconds_per_quarter <= 0) continue;
    const std::int64_t tick = std::max<std::int64_t>(change.tick, 0);
    Segment& last = segments_.back();
    if (tick <= last.tick) {  // replaces the tempo at the same tick
      last.seconds_per_tick = per_tick(change.microseconds_per_quarter);
      continue;
    }
    const double seconds =
        last.seconds + static_cast<double>(tick - last.tick) * last.seconds_per_tick;
    segments_.push_back({tick, seconds, per_tick(change.microseconds_per_quarter)});
  }
}

double TempoMap::seconds_at(std::int64_t tick) const {
  auto after = std::upper_bound(segments_.begin(), segments_.end(), tick,
                                [](std::int64_t t, const Segment& s) { return t < s.tick; });
  const Segment& segment = after == segments_.begin() ? segments_.front() : *(after - 1);
  return segment.seconds + static_cast<double>(tick - segment.tick) * segment.seconds_per_tick;
}

}  // namespace cadenza::score
