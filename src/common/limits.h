#pragma once
// Every limit that protects cadenza from hostile or broken input, in one place, with why it
// has the value it has (docs/robustness.md lists them with the causes they answer). A limit
// is reached only by input no real use needs; the error then names the file and the limit.
#include <cstddef>
#include <cstdint>

namespace cadenza::limits {

// Threads any command starts (clamp_threads in common/threads.h): at most kMaxThreadsPerCore
// per core and kMaxThreads in all. Past a few per core they only cost memory and start-up
// time, and torch's thread pool slows down many times over; --threads 100000 used to start
// 100,000 of them and hang.
inline constexpr unsigned kMaxThreadsPerCore = 4;
inline constexpr unsigned kMaxThreads = 256;

// Longest audio decoded (load_mono) or rendered from MIDI (render, generate --wav, classify
// predict without --seconds): 20 minutes. Checked from the file header or the score before any
// sample is made, so a header declaring a 1 Hz rate or a note lasting days fails at once.
inline constexpr double kMaxAudioSeconds = 1200;
// Decoded interleaved samples (frames x channels x 4 bytes) load_mono may hold: 20 minutes of
// 48 kHz stereo is 0.46 GB; a 192 kHz 8-channel file of the same length is refused.
inline constexpr std::uint64_t kMaxDecodedAudioBytes = std::uint64_t{1} << 30;

// Tokens `generate`, `interpolate` and `evaluate` make per piece. The paper's pieces are
// 100-500 tokens; 100,000 is ~14 hours of music at 0.5 quarter notes per token and 120 bpm,
// and about 3 minutes of --fast generation on one core.
inline constexpr std::int64_t kMaxGenerateLength = 100000;

// Pieces one `generate --count` makes (each is a batch row and four files).
inline constexpr std::size_t kMaxGeneratePieces = 1000;

// A token-corpus line (a token or an "@doc <name>" line). Real tokens are under 100 bytes
// (the longest chord in jazz.txt is 47), document names are paths (PATH_MAX is 4096).
inline constexpr std::size_t kMaxCorpusLineBytes = 4096;
// A features-CSV line: 60 numbers of ~20 characters plus a file name is ~1.5 KB.
inline constexpr std::size_t kMaxCsvLineBytes = 65536;

}  // namespace cadenza::limits
