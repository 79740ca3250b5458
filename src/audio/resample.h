#pragma once
// Sample-rate conversion as librosa 0.9.2's load() does it: resampy 0.4.2's band-limited
// interpolation (Smith's algorithm: a windowed-sinc table, linearly interpolated between its
// entries) with the `kaiser_best` filter (librosa's default) or `kaiser_fast`, or libsoxr's HQ
// recipe for speed. Output length as librosa.resample(fix=True): ceil(n * to / from), the
// resampler's int(n * to / from) samples padded with zeros or cut to it.
#include <string>
#include <vector>

namespace cadenza::audio {

enum class Resampler { kKaiserBest, kKaiserFast, kSoxr };

// The --resample values, for help texts and errors.
inline constexpr const char* kResamplerChoices = "kaiser_best, kaiser_fast or soxr";

// "kaiser_best" | "kaiser_fast" | "soxr"; anything else throws std::invalid_argument naming
// the choices.
Resampler parse_resampler(const std::string& name);
std::string resampler_name(Resampler method);

// Mono samples at `from_rate` Hz -> `to_rate` Hz (both > 0); the input itself when the rates
// agree. kaiser_best/fast give resampy's float32 samples bit for bit (same weights, same
// float32 rounding after every term, same order). Throws std::invalid_argument for
// non-positive rates or an input too short to give one sample, as resampy does.
std::vector<float> resample(const std::vector<float>& samples, int from_rate, int to_rate,
                            Resampler method = Resampler::kKaiserBest);

}  // namespace cadenza::audio
