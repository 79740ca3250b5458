#include "tokens/tsd_tokenizer.h"

namespace cadenza::tokens::miditok {

std::vector<Token> tsd_encode(const PreparedStream& stream, const Config& config) {
  using Kind = StreamEvent::Kind;
  const std::vector<std::int64_t> duration_ticks = config.duration_ticks(stream.ticks_per_beat);
  const std::int64_t shortest = std::max<std::int64_t>(1, duration_ticks.front());
  std::vector<Token> out;
  out.reserve(stream.events.size() * 5 + 16);
  std::int64_t previous_tick = 0;
  for (const StreamEvent& e : stream.events) {
    if (e.time != previous_tick) {
      // Greedy: the nearest duration, again and again while at least the shortest is left.
      std::int64_t shift = e.time - previous_tick;
      while (shift >= shortest) {
        const int index = config.nearest_duration(shift, duration_ticks);
        out.push_back({TokenKind::TimeShift, index});
        shift -= duration_ticks[index];
      }
      previous_tick = e.time;
    }
    switch (e.kind) {
      case Kind::TimeSig:
        out.push_back({TokenKind::TimeSig, e.a, e.b});
        break;
      case Kind::Tempo:
        out.push_back({TokenKind::Tempo, e.a});
        break;
      case Kind::Note:
        out.push_back({TokenKind::Program, e.a});
        out.push_back({TokenKind::Pitch, e.b});
        out.push_back({TokenKind::Velocity, e.c});
        out.push_back({TokenKind::Duration, e.d});
        break;
    }
  }
  return out;
}

}  // namespace cadenza::tokens::miditok
