#pragma once
// Real FFTs in double precision on FFTW. Plans are created once per size and shared by all
// threads: FFTW's planner is not thread-safe, so planning holds a global mutex, while executing
// a plan on per-object buffers is safe from any thread.
#include <fftw3.h>

#include <complex>

namespace cadenza::dsp {

class RealFft {
 public:
  explicit RealFft(int size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  int size() const { return size_; }
  int bins() const { return size_ / 2 + 1; }
  double* signal() { return signal_; }  // size() values
  std::complex<double>* spectrum() { return reinterpret_cast<std::complex<double>*>(spectrum_); }

  void forward();  // signal -> spectrum (unnormalised, e^{-i...})
  void inverse();  // spectrum -> signal, unnormalised (n times the inverse); spectrum is clobbered

 private:
  int size_;
  double* signal_;
  fftw_complex* spectrum_;
  fftw_plan forward_, inverse_;
};

}  // namespace cadenza::dsp
