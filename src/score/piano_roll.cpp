#include "score/piano_roll.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

#include "draw/colours.h"
#include "midi/gm_programs.h"

namespace cadenza::score {
namespace {

namespace colours = draw::colours;

// Grid lines closer than this many pixels would only darken the background: left out.
constexpr double kMinLineSpacing = 4;
// The legend: a swatch and the instrument's name per line, right of the roll; past
// kMaxLegendLines parts (a file with a part per track of hundreds), its last line counts the rest.
constexpr int kLegendPad = 10, kSwatch = 12, kSwatchGap = 6, kLegendLine = 20;
constexpr std::size_t kMaxLegendLines = 32;

// A part's identity: (track, drums, program); drums sort after the programs of their track.
using PartKey = std::tuple<int, bool, int>;
PartKey key_of(const Note& n) {
  return {n.track, n.is_drum(), n.is_drum() ? midi::kDrums : n.program};
}

std::string instrument_name(int program) {
  if (program == midi::kDrums || (program >= 0 && program < midi::kProgramCount))
    return std::string(midi::gm_program_name(program));
  return "Program " + std::to_string(program);
}

// Quarter positions of the bar lines up to end_quarters, through the time signatures (4/4
// before the first); none for signatures whose bars would be closer than kMinLineSpacing.
std::vector<double> bar_lines(const Score& score, double end_quarters, double x_scale) {
  std::vector<double> lines;
  if (score.ticks_per_quarter <= 0) return lines;
  std::vector<TimeSignature> signatures = {TimeSignature{}};  // 4/4 at tick 0
  for (const TimeSignature& ts : score.time_signatures) {
    if (ts.tick <= 0) signatures.clear();
    signatures.push_back(ts);
  }
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    const TimeSignature& ts = signatures[i];
    const double begin = static_cast<double>(ts.tick) / score.ticks_per_quarter;
    const double end = i + 1 < signatures.size()
                           ? static_cast<double>(signatures[i + 1].tick) / score.ticks_per_quarter
                           : end_quarters;
    if (ts.numerator <= 0 || ts.denominator <= 0) continue;
    const double bar = ts.numerator * 4.0 / ts.denominator;
    if (bar * x_scale < kMinLineSpacing) continue;
    for (int k = 0; begin + k * bar < std::min(end, end_quarters) + 1e-9; ++k)
      lines.push_back(begin + k * bar);
  }
  return lines;
}

}  // namespace

std::vector<PianoRollPart> piano_roll_parts(const Score& score) {
  std::map<PartKey, PianoRollPart> by_key;
  for (const Note& n : score.notes) {
    const PartKey key = key_of(n);
    if (by_key.count(key)) continue;
    PianoRollPart part;
    part.track = n.track;
    part.program = std::get<2>(key);
    by_key.emplace(key, part);
  }
  std::vector<PianoRollPart> parts;
  std::map<std::string, int> uses;
  std::size_t pitched = 0;
  for (auto& [key, part] : by_key) {
    part.colour = part.program == midi::kDrums ? colours::kDrums
                                               : draw::cycled(draw::kSeriesOnDark, pitched++);
    part.label = instrument_name(part.program);
    ++uses[part.label];
    parts.push_back(part);
  }
  for (PianoRollPart& part : parts)  // the same instrument in two tracks: say which is which
    if (uses[part.label] > 1) part.label += " (track " + std::to_string(part.track) + ")";
  return parts;
}

draw::Canvas render_piano_roll(const Score& score, const PianoRollOptions& options) {
  if (!(options.pixels_per_quarter > 0) || options.pixels_per_semitone <= 0 ||
      options.margin_semitones < 0 || options.max_width < 16)
    throw std::invalid_argument("piano roll: options out of range");
  int low = 60, high = 72;  // an empty score still gets a one-octave frame
  double end_quarters = 4;
  if (!score.notes.empty()) {
    low = 127;
    high = 0;
    for (const Note& n : score.notes) {
      low = std::min(low, n.pitch);
      high = std::max(high, n.pitch);
      end_quarters = std::max(end_quarters, n.start_quarters + n.duration_quarters);
    }
  }
  low = std::max(0, low - options.margin_semitones);
  high = std::min(127, high + options.margin_semitones);
  const double quarters = std::ceil(end_quarters);
  const double x_scale = std::min(options.pixels_per_quarter, (options.max_width - 1) / quarters);
  const int row = options.pixels_per_semitone;
  const int roll_width = static_cast<int>(std::ceil(quarters * x_scale)) + 1;
  const int roll_height = (high - low + 1) * row;

  const std::vector<PianoRollPart> parts = piano_roll_parts(score);
  std::vector<PianoRollPart> legend;
  const bool counted_rest = parts.size() > kMaxLegendLines;  // the last line: "and N more parts"
  if (options.legend && parts.size() >= 2) {
    legend.assign(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(
                                                     std::min(parts.size(), kMaxLegendLines)));
    if (counted_rest)
      legend.back().label =
          "and " + std::to_string(parts.size() - kMaxLegendLines + 1) + " more parts";
  }
  int legend_width = 0, legend_height = 0;
  if (!legend.empty()) {
    int longest = 0;
    for (const PianoRollPart& line : legend)
      longest = std::max(longest, draw::text_width(line.label));
    legend_width = kLegendPad + kSwatch + kSwatchGap + longest + kLegendPad;
    legend_height = kLegendPad + static_cast<int>(legend.size()) * kLegendLine + kLegendPad;
  }
  draw::Canvas canvas(roll_width + legend_width, std::max(roll_height, legend_height),
                      colours::kNight);

  const auto x_of = [&](double q) { return static_cast<int>(std::lround(q * x_scale)); };
  const auto y_of = [&](int pitch) { return (high - pitch) * row; };
  if (x_scale >= kMinLineSpacing)
    for (int q = 0; q <= static_cast<int>(quarters); ++q)
      canvas.fill_rect(x_of(q), 0, 1, roll_height, colours::kNightBeat);
  for (double q : bar_lines(score, quarters, x_scale))
    canvas.fill_rect(x_of(q), 0, 1, roll_height, colours::kNightLine);
  for (int pitch = low; pitch <= high; ++pitch)
    if (pitch % 12 == 0)
      canvas.fill_rect(0, y_of(pitch) + row - 1, roll_width, 1, colours::kNightLine);

  std::map<PartKey, draw::Rgb> colour_of;
  for (const PianoRollPart& part : parts)
    colour_of[{part.track, part.program == midi::kDrums, part.program}] = part.colour;
  for (const Note& n : score.notes) {
    // Louder notes brighter: velocity 1 -> 55% of the colour, 127 -> 100%.
    const draw::Rgb colour =
        draw::scaled(colour_of[key_of(n)], 0.55 + 0.45 * std::clamp(n.velocity, 1, 127) / 127.0);
    const int x0 = x_of(n.start_quarters);
    const int x1 = std::max(x0 + 1, x_of(n.start_quarters + n.duration_quarters) - 1);
    canvas.fill_rect(x0, y_of(n.pitch), x1 - x0, std::max(1, row - 1), colour);
  }

  for (std::size_t i = 0; i < legend.size(); ++i) {
    const int x = roll_width + kLegendPad;
    const int y = kLegendPad + static_cast<int>(i) * kLegendLine;
    if (!(counted_rest && i + 1 == legend.size()))
      canvas.fill_rect(x, y + 1, kSwatch, kSwatch, legend[i].colour);
    canvas.text(x + kSwatch + kSwatchGap, y, legend[i].label, colours::kNightText);
  }
  return canvas;
}

void write_piano_roll_png(const Score& score, const std::filesystem::path& path,
                          const PianoRollOptions& options) {
  render_piano_roll(score, options).save_png(path);
}

}  // namespace cadenza::score
