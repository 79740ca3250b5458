#include "dsp/fft.h"

#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include "dsp/fftw_library.h"

namespace cadenza::dsp {
namespace {

std::mutex& planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Plans live for the whole process, keyed by size; FFTW_ESTIMATE keeps them deterministic.
std::pair<fftw_plan, fftw_plan> plans_for(int size) {
  static std::map<int, std::pair<fftw_plan, fftw_plan>> plans;
  std::lock_guard<std::mutex> lock(planner_mutex());
  auto it = plans.find(size);
  if (it != plans.end()) return it->second;
  double* real = fftw().alloc_real(size);
  fftw_complex* complex = fftw().alloc_complex(size / 2 + 1);
  const fftw_plan forward = fftw().plan_dft_r2c_1d(size, real, complex, FFTW_ESTIMATE);
  const fftw_plan inverse = fftw().plan_dft_c2r_1d(size, complex, real, FFTW_ESTIMATE);
  fftw().free(real);
  fftw().free(complex);
  if (!forward || !inverse)
    throw std::runtime_error("FFTW: no plan for size " + std::to_string(size));
  return plans.emplace(size, std::make_pair(forward, inverse)).first->second;
}

}  // namespace

RealFft::RealFft(int size) : size_(size) {
  if (size < 1) throw std::invalid_argument("RealFft: size must be positive");
  std::tie(forward_, inverse_) = plans_for(size);
  signal_ = fftw().alloc_real(size);
  spectrum_ = fftw().alloc_complex(size / 2 + 1);
  if (!signal_ || !spectrum_) throw std::bad_alloc();
}

RealFft::~RealFft() {
  fftw().free(signal_);
  fftw().free(spectrum_);
}

void RealFft::forward() { fftw().execute_dft_r2c(forward_, signal_, spectrum_); }

void RealFft::inverse() { fftw().execute_dft_c2r(inverse_, spectrum_, signal_); }

}  // namespace cadenza::dsp
