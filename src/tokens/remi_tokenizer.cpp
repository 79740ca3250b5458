#include "tokens/remi_tokenizer.h"

namespace cadenza::tokens::miditok {
namespace {

void append_note(std::vector<Token>& out, const StreamEvent& e) {
  out.push_back({TokenKind::Program, e.a});
  out.push_back({TokenKind::Pitch, e.b});
  out.push_back({TokenKind::Velocity, e.c});
  out.push_back({TokenKind::Duration, e.d});
}

}  // namespace

std::vector<Token> remi_encode(const PreparedStream& stream, const Config& config) {
  using Kind = StreamEvent::Kind;
  const std::int64_t tpb = stream.ticks_per_beat;
  const double ticks_per_sample = static_cast<double>(tpb) / config.max_beat_res;
  std::vector<Token> out;
  out.reserve(stream.events.size() * 4 + 64);

  std::int64_t current_bar = -1, bar_at_last_ts_change = 0, previous_tick = -1;
  std::int64_t tick_at_last_ts_change = 0, tick_at_current_bar = 0;
  int ts_num = 4, ts_den = 4;
  // The bar length starts from the first time signature that comes before any note.
  for (const StreamEvent& e : stream.events) {
    if (e.kind == Kind::Note) break;
    if (e.kind == Kind::TimeSig) {
      ts_num = e.a;
      ts_den = e.b;
      break;
    }
  }
  std::int64_t bar_ticks = ticks_per_bar(tpb, ts_num, ts_den);

  for (const StreamEvent& e : stream.events) {
    const bool is_ts = e.kind == Kind::TimeSig;
    if (e.time != previous_tick) {
      const std::int64_t new_bars = bar_at_last_ts_change +
                                    floor_div(e.time - tick_at_last_ts_change, bar_ticks) -
                                    current_bar;
      if (new_bars >= 1) {
        for (std::int64_t i = 0; i < new_bars; ++i) {
          out.push_back({TokenKind::Bar});
          // Every new bar restates the time signature, except before a change of it.
          if (!(is_ts && i + 1 == new_bars)) out.push_back({TokenKind::TimeSig, ts_num, ts_den});
        }
        current_bar += new_bars;
        tick_at_current_bar =
            tick_at_last_ts_change + (current_bar - bar_at_last_ts_change) * bar_ticks;
      }
      if (!is_ts) {
        const auto position =
            static_cast<int>(static_cast<double>(e.time - tick_at_current_bar) / ticks_per_sample);
        out.push_back({TokenKind::Position, position});
      }
      previous_tick = e.time;
    }
    switch (e.kind) {
      case Kind::TimeSig:
        ts_num = e.a;
        ts_den = e.b;
        bar_at_last_ts_change += floor_div(e.time - tick_at_last_ts_change, bar_ticks);
        tick_at_last_ts_change = e.time;
        bar_ticks = ticks_per_bar(tpb, ts_num, ts_den);
        previous_tick -= 1;  // the next event gets a Position even at this time
        out.push_back({TokenKind::TimeSig, ts_num, ts_den});
        break;
      case Kind::Tempo:
        out.push_back({TokenKind::Tempo, e.a});
        break;
      case Kind::Note:
        append_note(out, e);
        break;
    }
  }
  return out;
}

}  // namespace cadenza::tokens::miditok
