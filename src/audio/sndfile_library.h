#pragma once
// libsndfile, opened at the first decode or encode instead of linked: it pulls its codecs (FLAC,
// Vorbis, Opus, MPEG, LAME: ~3.7 ms of dynamic loading) into every cadenza command, also those
// that never touch audio (--help, tokenize). Declarations come from <sndfile.h>.
#include <sndfile.h>

namespace cadenza::audio {

struct SndfileLibrary {
  decltype(&::sf_open) open;
  decltype(&::sf_open_virtual) open_virtual;
  decltype(&::sf_readf_float) readf_float;
  decltype(&::sf_writef_float) writef_float;
  decltype(&::sf_close) close;
  decltype(&::sf_command) command;
  decltype(&::sf_error) error;
  decltype(&::sf_strerror) strerror;
};

// Loads libsndfile.so.1 once (thread-safe). Throws std::runtime_error naming the library and the
// Debian package when it cannot be opened or lacks a function.
const SndfileLibrary& sndfile();

}  // namespace cadenza::audio
