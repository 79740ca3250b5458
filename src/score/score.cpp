#include "score/score.h"

#include <algorithm>

#include "score/tempo_map.h"

namespace cadenza::score {

double Score::seconds_at(std::int64_t tick) const {
  return TempoMap(tempos, ticks_per_quarter).seconds_at(tick);
}

double Score::duration_seconds() const {
  double end = 0;
  for (const Note& note : notes) end = std::max(end, note.start_seconds + note.duration_seconds);
  return end;
}

}  // namespace cadenza::score
