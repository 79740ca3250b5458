#pragma once
// numpy's summation order, so float32 statistics round as np.mean / np.var do: pairwise
// summation (8 accumulators, blocks of 128) over a contiguous array, in the input type.
// Population variance as np.var (ddof 0): mean, squared deviations, their mean.
#include <cstddef>

namespace cadenza::dsp {

template <typename T>
T numpy_pairwise_sum(const T* values, std::size_t count);

template <typename T>
T numpy_sum(const T* values, std::size_t count);

template <typename T>
T numpy_mean(const T* values, std::size_t count);

template <typename T>
T numpy_var(const T* values, std::size_t count);

}  // namespace cadenza::dsp
