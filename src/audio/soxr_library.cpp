#include "audio/soxr_library.h"

#include "common/shared_library.h"

namespace cadenza::audio {
namespace {

SoxrLibrary open_library() {
  static const SharedLibrary library("libsoxr.so.0", "libsoxr0");
  SoxrLibrary f{};
  library.bind("soxr_io_spec", f.io_spec);
  library.bind("soxr_quality_spec", f.quality_spec);
  library.bind("soxr_oneshot", f.oneshot);
  return f;
}

}  // namespace

const SoxrLibrary& soxr() {
  static const SoxrLibrary library = open_library();
  return library;
}

}  // namespace cadenza::audio
