#include "dsp/fftw_library.h"

#include "common/shared_library.h"

namespace cadenza::dsp {
namespace {

FftwLibrary open_library() {
  static const SharedLibrary library("libfftw3.so.3", "libfftw3-double3");
  FftwLibrary f{};
  library.bind("fftw_alloc_real", f.alloc_real);
  library.bind("fftw_alloc_complex", f.alloc_complex);
  library.bind("fftw_free", f.free);
  library.bind("fftw_plan_dft_r2c_1d", f.plan_dft_r2c_1d);
  library.bind("fftw_plan_dft_c2r_1d", f.plan_dft_c2r_1d);
  library.bind("fftw_execute_dft_r2c", f.execute_dft_r2c);
  library.bind("fftw_execute_dft_c2r", f.execute_dft_c2r);
  return f;
}

}  // namespace

const FftwLibrary& fftw() {
  static const FftwLibrary library = open_library();
  return library;
}

}  // namespace cadenza::dsp
