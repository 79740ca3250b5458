#pragma once
// Every colour cadenza's pictures use, by name, and the categorical palettes that tell series
// and instruments apart. Charts are drawn on white; the piano roll on a dark background, where
// the light palette's darker hues would be hard to see.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace cadenza::draw {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend constexpr bool operator==(const Rgb& a, const Rgb& b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
  }
  friend constexpr bool operator!=(const Rgb& a, const Rgb& b) { return !(a == b); }
};

namespace colours {
// Charts on white.
inline constexpr Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0};
inline constexpr Rgb kAxis{90, 90, 90};       // axes, tick labels, subtitles
inline constexpr Rgb kGrid{220, 220, 220};    // grid lines
inline constexpr Rgb kDotted{170, 170, 170};  // dotted grid lines
// The piano roll's dark background and its lines.
inline constexpr Rgb kNight{24, 24, 28};
inline constexpr Rgb kNightBeat{38, 38, 44};     // a beat
inline constexpr Rgb kNightLine{60, 60, 70};     // a bar, every C
inline constexpr Rgb kNightText{220, 220, 220};  // the legend
inline constexpr Rgb kDrums{200, 200, 200};      // unpitched, so no hue of its own
}  // namespace colours

// matplotlib's tab10 cycle (blue, orange, green, red, ...): series on a white background.
inline constexpr std::array<Rgb, 10> kSeriesOnLight = {{{31, 119, 180},
                                                        {255, 127, 14},
                                                        {44, 160, 44},
                                                        {214, 39, 40},
                                                        {148, 103, 189},
                                                        {140, 86, 75},
                                                        {227, 119, 194},
                                                        {127, 127, 127},
                                                        {188, 189, 34},
                                                        {23, 190, 207}}};

// Okabe and Ito's colour-blind-safe hues (sky blue, orange, bluish green, yellow, reddish
// purple, vermillion, blue), then three lighter ones: instruments on a dark background.
inline constexpr std::array<Rgb, 10> kSeriesOnDark = {{{86, 180, 233},
                                                       {230, 159, 0},
                                                       {0, 158, 115},
                                                       {240, 228, 66},
                                                       {204, 121, 167},
                                                       {213, 94, 0},
                                                       {0, 114, 178},
                                                       {170, 140, 230},
                                                       {150, 210, 120},
                                                       {240, 150, 140}}};

// The i-th colour of a palette, cycling past its end.
template <std::size_t N>
constexpr Rgb cycled(const std::array<Rgb, N>& palette, std::size_t i) {
  return palette[i % N];
}

// Each channel times `gain` (clamped to 0-1), rounded: a darker shade of the same hue.
inline Rgb scaled(Rgb colour, double gain) {
  gain = std::isnan(gain) ? 1.0 : std::fmin(std::fmax(gain, 0.0), 1.0);
  const auto channel = [gain](std::uint8_t v) {
    return static_cast<std::uint8_t>(std::lround(v * gain));
  };
  return {channel(colour.r), channel(colour.g), channel(colour.b)};
}

}  // namespace cadenza::draw
