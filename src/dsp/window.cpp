#include "dsp/window.h"

#include <cmath>

namespace cadenza::dsp {

std::vector<double> hann_window(int length) {
  std::vector<double> window(length);
  if (length == 1) {
    window[0] = 1.0;
    return window;
  }
  const double step = 2.0 * M_PI / length;  // linspace(-pi, pi, length + 1)
  for (int k = 0; k < length; ++k) window[k] = 0.5 + 0.5 * std::cos(k * step + -M_PI);
  return window;
}

}  // namespace cadenza::dsp
