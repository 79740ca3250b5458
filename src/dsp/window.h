#pragma once
// scipy.signal.get_window('hann', n, fftbins=True): the periodic Hann window, computed the way
// scipy does (0.5 + 0.5 cos over linspace(-pi, pi, n + 1)) so the values agree to the last bit.
#include <vector>

namespace cadenza::dsp {

std::vector<double> hann_window(int length);

}  // namespace cadenza::dsp
