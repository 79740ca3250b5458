#pragma once
// libsoxr, opened at the first `--resampler soxr` instead of linked: it pulls libgomp (OpenMP's
// runtime, which reads its environment at load) into every cadenza command, for one resampler
// that few runs choose. Declarations come from <soxr.h>.
#include <soxr.h>

namespace cadenza::audio {

struct SoxrLibrary {
  decltype(&::soxr_io_spec) io_spec;
  decltype(&::soxr_quality_spec) quality_spec;
  decltype(&::soxr_oneshot) oneshot;
};

// Loads libsoxr.so.0 once (thread-safe). Throws std::runtime_error naming the library and the
// Debian package when it cannot be opened or lacks a function.
const SoxrLibrary& soxr();

}  // namespace cadenza::audio
