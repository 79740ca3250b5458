#pragma once
// FFTW, opened at the first plan instead of linked: its ~1,500 symbol relocations cost every
// cadenza command a millisecond or two before main(), also those that never transform anything
// (--help, tokenize). Declarations come from <fftw3.h>.
#include <fftw3.h>

namespace cadenza::dsp {

struct FftwLibrary {
  decltype(&::fftw_alloc_real) alloc_real;
  decltype(&::fftw_alloc_complex) alloc_complex;
  decltype(&::fftw_free) free;
  decltype(&::fftw_plan_dft_r2c_1d) plan_dft_r2c_1d;
  decltype(&::fftw_plan_dft_c2r_1d) plan_dft_c2r_1d;
  decltype(&::fftw_execute_dft_r2c) execute_dft_r2c;
  decltype(&::fftw_execute_dft_c2r) execute_dft_c2r;
};

// Loads libfftw3.so.3 once (thread-safe). Throws std::runtime_error naming the library and the
// Debian package when it cannot be opened or lacks a function.
const FftwLibrary& fftw();

}  // namespace cadenza::dsp
