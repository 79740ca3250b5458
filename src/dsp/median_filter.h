#pragma once
// Running median along rows, as scipy.ndimage.median_filter with a 1-D window of odd `size`
// and mode='reflect' (d c b a | a b c d | d c b a). Exact (the median is one of the inputs).
// Lines run 8 at a time in AVX2 lanes (when the CPU has AVX2) or 4 in SSE2 lanes: each window
// is a ring of values with their ranks, updated without data-dependent branches (about 4x
// faster than a sorted window for HPSS's 31-wide windows). Leftover lines use a sorted window
// updated by one shift a step.
namespace cadenza::dsp {

// Filters `rows` rows of `length` contiguous floats (row r starts at in + r * length).
void median_filter_rows(const float* in, float* out, int rows, int length, int size);

// Filters down the columns of a row-major rows x columns matrix (no transpose needed).
void median_filter_columns(const float* in, float* out, int rows, int columns, int size);

}  // namespace cadenza::dsp
