#include "tokens/miditok_config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace cadenza::tokens::miditok {

std::string BeatDuration::text() const {
  return std::to_string(beat) + "." + std::to_string(pos) + "." + std::to_string(res);
}

bool Config::supports_time_signature(int numerator, int denominator) const {
  for (const auto& ts : time_signatures)
    if (ts.first == numerator && ts.second == denominator) return true;
  return false;
}

int Config::quantize_velocity(int velocity) const {
  if (velocity >= 0 && velocity < 128 && !velocity_of.empty()) return velocity_of[velocity];
  int best = 0;
  for (int i = 1; i < static_cast<int>(velocities.size()); ++i)
    if (std::abs(velocities[i] - velocity) < std::abs(velocities[best] - velocity)) best = i;
  return velocities[best];
}

int Config::quantize_tempo(double bpm) const {
  int best = 0;
  for (int i = 1; i < static_cast<int>(tempos.size()); ++i)
    if (std::fabs(tempos[i] - bpm) < std::fabs(tempos[best] - bpm)) best = i;
  return best;
}

int Config::nearest_duration(std::int64_t ticks,
                             const std::vector<std::int64_t>& duration_ticks) const {
  if (duration_ticks.empty()) return 0;
  // The values increase strictly (1/8 beat is at least 4 ticks), so the nearest is next to
  // where `ticks` would go; the lower one wins a tie, as numpy.argmin picks the first.
  const auto at = std::lower_bound(duration_ticks.begin(), duration_ticks.end(), ticks);
  if (at == duration_ticks.begin()) return 0;
  const auto i = static_cast<int>(at - duration_ticks.begin());
  if (at == duration_ticks.end()) return i - 1;
  return (ticks - duration_ticks[i - 1] <= duration_ticks[i] - ticks) ? i - 1 : i;
}

int nearest_duration_scan(std::int64_t ticks, const std::vector<std::int64_t>& duration_ticks) {
  int best = 0;
  for (int i = 1; i < static_cast<int>(duration_ticks.size()); ++i)
    if (std::llabs(duration_ticks[i] - ticks) < std::llabs(duration_ticks[best] - ticks)) best = i;
  return best;
}

std::vector<std::int64_t> Config::duration_ticks(std::int64_t ticks_per_beat) const {
  std::vector<std::int64_t> out;
  out.reserve(durations.size());
  for (const BeatDuration& d : durations) out.push_back(d.ticks(ticks_per_beat));
  return out;
}

std::string python_float_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

namespace {

Config make_default_config() {
  Config c;
  // numpy.linspace(0, 127, 33, dtype=intc)[1:]: i * 127/32 truncated (exact in binary).
  for (int i = 1; i <= 32; ++i) c.velocities.push_back(static_cast<int>(i * (127.0 / 32.0)));
  // beat_res {(0, 4): 8, (4, 12): 4}, then (12, 0, 4); the zero duration is dropped.
  for (int beat = 0; beat < 4; ++beat)
    for (int pos = 0; pos < 8; ++pos)
      if (beat || pos) c.durations.push_back({beat, pos, 8});
  for (int beat = 4; beat < 12; ++beat)
    for (int pos = 0; pos < 4; ++pos) c.durations.push_back({beat, pos, 4});
  c.durations.push_back({12, 0, 4});
  // numpy.linspace(40, 250, 32).round(2): start + i * step, the last one exactly 250.
  const double step = (250.0 - 40.0) / 31.0;
  for (int i = 0; i < 32; ++i) {
    const double raw = i == 31 ? 250.0 : i * step + 40.0;
    const double rounded = std::nearbyint(raw * 100.0) / 100.0;
    c.tempos.push_back(rounded);
    c.tempo_texts.push_back(python_float_text(rounded));
  }
  std::vector<int> velocity_of;  // filled aside: quantize_velocity() uses the table once set
  for (int v = 0; v < 128; ++v) velocity_of.push_back(c.quantize_velocity(v));
  c.velocity_of = std::move(velocity_of);
  c.time_signatures = {{3, 8}, {12, 8}, {6, 8}, {5, 4}, {6, 4}, {3, 4}, {2, 4}, {1, 4}, {4, 4}};
  return c;
}

}  // namespace

const Config& default_config() {
  static const Config config = make_default_config();
  return config;
}

}  // namespace cadenza::tokens::miditok
