#include "audio/sndfile_library.h"

#include "common/shared_library.h"

namespace cadenza::audio {
namespace {

SndfileLibrary open_library() {
  static const SharedLibrary library("libsndfile.so.1", "libsndfile1");
  SndfileLibrary f{};
  library.bind("sf_open", f.open);
  library.bind("sf_open_virtual", f.open_virtual);
  library.bind("sf_readf_float", f.readf_float);
  library.bind("sf_writef_float", f.writef_float);
  library.bind("sf_close", f.close);
  library.bind("sf_command", f.command);
  library.bind("sf_error", f.error);
  library.bind("sf_strerror", f.strerror);
  return f;
}

}  // namespace

const SndfileLibrary& sndfile() {
  static const SndfileLibrary library = open_library();
  return library;
}

}  // namespace cadenza::audio
