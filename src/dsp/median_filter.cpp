#include "dsp/median_filter.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

namespace cadenza::dsp {
namespace {

// scipy's 'reflect' boundary: the edge sample is repeated, period 2 * length.
int reflect_index(long i, int length) {
  const long period = 2L * length;
  i %= period;
  if (i < 0) i += period;
  return static_cast<int>(i < length ? i : period - 1 - i);
}

// The lines' values with their reflected borders, interleaved for the SIMD filters: line
// lane's extended element i (input i - size / 2) at padded[i * lanes + lane]. Only the borders
// need reflect_index (a division per value would cost more than the whole filter).
void interleave_lines(const float* in, int lanes, int length, int size, std::size_t line_stride,
                      std::size_t step, std::vector<float>& padded) {
  const int half = size / 2;
  const int extended = length + size - 1;
  padded.resize(static_cast<size_t>(extended) * lanes);
  auto copy = [&](int i, int source) {
    float* to = padded.data() + static_cast<size_t>(i) * lanes;
    const float* from = in + static_cast<size_t>(source) * step;
    if (line_stride == 1) {
      std::copy(from, from + lanes, to);
    } else {
      for (int lane = 0; lane < lanes; ++lane) to[lane] = from[lane * line_stride];
    }
  };
  for (int i = 0; i < extended; ++i) {
    const int source = i - half;
    copy(i, source >= 0 && source < length ? source : reflect_index(source, length));
  }
}

// Ranks of the first window's values in every lane, ties broken by position (an earlier equal
// value ranks lower), values[j * kLanes + lane] -> ranks[same]. Lanes innermost and no
// branches, so the compiler vectorises it: the scalar double loop was a third of the filter.
template <int kLanes>
void initial_ranks(const float* values, int size, int* ranks) {
  std::fill(ranks, ranks + static_cast<size_t>(size) * kLanes, 0);
  for (int j = 0; j < size; ++j) {
    const float* v = values + static_cast<size_t>(j) * kLanes;
    int* r = ranks + static_cast<size_t>(j) * kLanes;
    for (int k = 0; k < size; ++k) {
      const float* u = values + static_cast<size_t>(k) * kLanes;
      if (k < j) {
        for (int lane = 0; lane < kLanes; ++lane) r[lane] += u[lane] <= v[lane];
      } else {
        for (int lane = 0; lane < kLanes; ++lane) r[lane] += u[lane] < v[lane];
      }
    }
  }
}

// Numbers of window values below a and below b, in one pass. The window is padded to a
// multiple of 4 with +inf, so the counts are a few branch-free SIMD compares instead of
// unpredictable binary searches.
inline void count_less(const float* w, int padded_size, float a, float b, int& below_a,
                       int& below_b) {
#ifdef __SSE2__
  const __m128 key_a = _mm_set1_ps(a), key_b = _mm_set1_ps(b);
  __m128i total_a = _mm_setzero_si128(), total_b = _mm_setzero_si128();
  for (int i = 0; i < padded_size; i += 4) {
    const __m128 v = _mm_loadu_ps(w + i);
    total_a = _mm_sub_epi32(total_a, _mm_castps_si128(_mm_cmplt_ps(v, key_a)));
    total_b = _mm_sub_epi32(total_b, _mm_castps_si128(_mm_cmplt_ps(v, key_b)));
  }
  // lanes: [a0 a1 a2 a3], [b0 b1 b2 b3] -> horizontal sums
  const __m128i lo = _mm_unpacklo_epi64(total_a, total_b);  // a0 a1 b0 b1
  const __m128i hi = _mm_unpackhi_epi64(total_a, total_b);  // a2 a3 b2 b3
  const __m128i pairs = _mm_add_epi32(lo, hi);              // a01 a23 b01 b23 (summed)
  const __m128i sums = _mm_add_epi32(pairs, _mm_shuffle_epi32(pairs, _MM_SHUFFLE(2, 3, 0, 1)));
  below_a = _mm_cvtsi128_si32(sums);
  below_b = _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
#else
  below_a = below_b = 0;
  for (int i = 0; i < padded_size; ++i) {
    below_a += w[i] < a;
    below_b += w[i] < b;
  }
#endif
}

// Replaces `outgoing` by `incoming` in the sorted window w.
inline void slide(float* w, int padded_size, float outgoing, float incoming) {
  int p, q;  // p: first copy of the outgoing value; q: rank of the incoming value
  count_less(w, padded_size, outgoing, incoming, p, q);
  if (q > p) {  // incoming lands above: close the gap at p, insert at q - 1
    for (int i = p; i < q - 1; ++i) w[i] = w[i + 1];
    w[q - 1] = incoming;
  } else {  // incoming lands at q <= p: open a gap at q
    for (int i = p; i > q; --i) w[i] = w[i - 1];
    w[q] = incoming;
  }
}

// Filters kLanes lines in lockstep: their windows are independent, so the CPU overlaps the
// dependency chains of one line's steps with the others'. Line l's element i is at
// base[l * line_stride + i * step] in both `in` and `out`.
template <int kLanes>
void filter_lines(const float* in, float* out, int length, int size, std::size_t line_stride,
                  std::size_t step, std::vector<float>& padded, std::vector<float>& windows) {
  const int half = size / 2;
  const size_t stride = static_cast<size_t>(length) + 2 * half;
  const int padded_size = (size + 3) / 4 * 4;
  padded.resize(stride * kLanes);
  windows.assign(static_cast<size_t>(padded_size) * kLanes, std::numeric_limits<float>::infinity());
  for (int lane = 0; lane < kLanes; ++lane) {
    const float* line = in + lane * line_stride;
    float* ext = padded.data() + lane * stride;
    for (int i = 0; i < length; ++i) ext[half + i] = line[i * step];
    for (int i = 0; i < half; ++i) {  // only the borders need the reflection
      ext[i] = ext[half + reflect_index(i - half, length)];
      ext[length + half + i] = ext[half + reflect_index(length + i, length)];
    }
    float* w = windows.data() + lane * padded_size;
    std::copy(ext, ext + size, w);
    std::sort(w, w + size);
    out[lane * line_stride] = w[half];
  }
  for (int i = 1; i < length; ++i)
    for (int lane = 0; lane < kLanes; ++lane) {
      const float* ext = padded.data() + lane * stride;
      float* w = windows.data() + lane * padded_size;
      slide(w, padded_size, ext[i - 1], ext[i + size - 1]);
      out[lane * line_stride + i * step] = w[half];
    }
}

#ifdef __SSE2__
// Four lines at once, one per SIMD lane, without sorting: each lane keeps its window values in
// a ring (slot = position % size) with their ranks (ties broken by age, so ranks are a
// permutation). A step removes the oldest value (ranks above it drop by one) and puts the new
// one in its slot (ranks of larger values rise by one; its own rank counts the values not
// larger); the median is the value whose rank is size / 2, picked with a mask. Every operation
// is the same for all lanes, so there are no data-dependent branches at all.
void filter_four_lines_ranked(const float* in, float* out, int length, int size,
                              std::size_t line_stride, std::size_t step,
                              std::vector<float>& padded) {
  const int half = size / 2;
  interleave_lines(in, 4, length, size, line_stride, step, padded);  // padded[i * 4 + lane]
  struct Slot {  // one window value and its rank, for the four lanes
    __m128 value;
    __m128i rank;
  };
  std::vector<Slot> window(size);
  std::vector<int> first_ranks(static_cast<size_t>(size) * 4);
  initial_ranks<4>(padded.data(), size, first_ranks.data());
  for (int j = 0; j < size; ++j) {
    window[j].value = _mm_loadu_ps(&padded[static_cast<size_t>(j) * 4]);
    window[j].rank = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&first_ranks[j * 4]));
  }
  const __m128i median_rank = _mm_set1_epi32(half), top_rank = _mm_set1_epi32(size - 1);
  auto store = [&](int i, __m128 median) {
    if (line_stride == 1) {  // the four lanes are adjacent columns
      _mm_storeu_ps(out + i * step, median);
    } else {
      alignas(16) float lanes[4];
      _mm_store_ps(lanes, median);
      for (int lane = 0; lane < 4; ++lane) out[lane * line_stride + i * step] = lanes[lane];
    }
  };
  __m128 median = _mm_setzero_ps();
  for (int j = 0; j < size; ++j)
    median = _mm_or_ps(median, _mm_and_ps(window[j].value, _mm_castsi128_ps(_mm_cmpeq_epi32(
                                                               window[j].rank, median_rank))));
  store(0, median);
  for (int i = 1; i < length; ++i) {
    const int slot = (i - 1) % size;
    const __m128 incoming = _mm_loadu_ps(&padded[static_cast<size_t>(i + size - 1) * 4]);
    const __m128i outgoing_rank = window[slot].rank;
    __m128i larger = _mm_setzero_si128();
    median = _mm_setzero_ps();
    auto update = [&](int j) {
      __m128i r = window[j].rank;
      r = _mm_add_epi32(r, _mm_cmpgt_epi32(r, outgoing_rank));  // above the removed: -1
      const __m128i gt = _mm_castps_si128(_mm_cmpgt_ps(window[j].value, incoming));
      r = _mm_sub_epi32(r, gt);  // above the incoming: +1
      larger = _mm_sub_epi32(larger, gt);
      window[j].rank = r;
      median = _mm_or_ps(
          median, _mm_and_ps(window[j].value, _mm_castsi128_ps(_mm_cmpeq_epi32(r, median_rank))));
    };
    for (int j = 0; j < slot; ++j) update(j);
    for (int j = slot + 1; j < size; ++j) update(j);
    const __m128i r = _mm_sub_epi32(top_rank, larger);
    window[slot].value = incoming;
    window[slot].rank = r;
    median =
        _mm_or_ps(median, _mm_and_ps(incoming, _mm_castsi128_ps(_mm_cmpeq_epi32(r, median_rank))));
    store(i, median);
  }
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
#define CADENZA_MEDIAN_AVX2 1
// The same ranked filter on eight lines per AVX2 register (chosen at run time where the CPU
// has AVX2). Kept free of lambdas and helpers: all 256-bit code lives in this one function.
__attribute__((target("avx2"))) void filter_eight_lines_ranked_avx2(const float* in, float* out,
                                                                    int length, int size,
                                                                    std::size_t line_stride,
                                                                    std::size_t step,
                                                                    std::vector<float>& padded) {
  constexpr int kLanes = 8;
  const int half = size / 2;
  interleave_lines(in, kLanes, length, size, line_stride, step, padded);  // [i * 8 + lane]
  // Window values and ranks, slot j at [8 j, 8 j + 8): plain arrays with unaligned 256-bit
  // loads and stores, so nothing depends on over-aligned allocation.
  std::vector<float> values(padded.begin(), padded.begin() + static_cast<size_t>(size) * kLanes);
  std::vector<int> ranks(static_cast<size_t>(size) * kLanes);
  initial_ranks<kLanes>(values.data(), size, ranks.data());
  float* const value_at = values.data();
  int* const rank_at = ranks.data();
  const __m256i median_rank = _mm256_set1_epi32(half), top_rank = _mm256_set1_epi32(size - 1);
  float lanes[kLanes];
  for (int i = 0; i < length; ++i) {
    __m256 median = _mm256_setzero_ps();
    if (i == 0) {
      for (int j = 0; j < size; ++j) {
        const __m256 v = _mm256_loadu_ps(value_at + j * kLanes);
        const __m256i r =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rank_at + j * kLanes));
        median = _mm256_or_ps(
            median, _mm256_and_ps(v, _mm256_castsi256_ps(_mm256_cmpeq_epi32(r, median_rank))));
      }
    } else {
      const int slot = (i - 1) % size;
      const __m256 incoming = _mm256_loadu_ps(&padded[static_cast<size_t>(i + size - 1) * kLanes]);
      const __m256i outgoing_rank =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rank_at + slot * kLanes));
      __m256i larger = _mm256_setzero_si256();
      for (int j = 0; j < size; ++j) {
        if (j == slot) continue;
        const __m256 v = _mm256_loadu_ps(value_at + j * kLanes);
        __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rank_at + j * kLanes));
        r = _mm256_add_epi32(r, _mm256_cmpgt_epi32(r, outgoing_rank));  // above the removed: -1
        const __m256i gt = _mm256_castps_si256(_mm256_cmp_ps(v, incoming, _CMP_GT_OQ));
        r = _mm256_sub_epi32(r, gt);  // above the incoming: +1
        larger = _mm256_sub_epi32(larger, gt);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(rank_at + j * kLanes), r);
        median = _mm256_or_ps(
            median, _mm256_and_ps(v, _mm256_castsi256_ps(_mm256_cmpeq_epi32(r, median_rank))));
      }
      const __m256i r = _mm256_sub_epi32(top_rank, larger);
      _mm256_storeu_ps(value_at + slot * kLanes, incoming);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(rank_at + slot * kLanes), r);
      median = _mm256_or_ps(
          median, _mm256_and_ps(incoming, _mm256_castsi256_ps(_mm256_cmpeq_epi32(r, median_rank))));
    }
    if (line_stride == 1) {  // the eight lanes are adjacent columns
      _mm256_storeu_ps(out + i * step, median);
    } else {
      _mm256_storeu_ps(lanes, median);
      for (int lane = 0; lane < kLanes; ++lane) out[lane * line_stride + i * step] = lanes[lane];
    }
  }
}

#define CADENZA_MEDIAN_AVX512 1
// The same ranked filter on sixteen lines per AVX-512 register (chosen at run time where the
// CPU has AVX-512F): the compares give bit masks, so a rank moves by one masked add and the
// median is one masked move, fewer instructions per lane than with AVX2.
__attribute__((target("avx512f"))) void filter_sixteen_lines_ranked_avx512(
    const float* in, float* out, int length, int size, std::size_t line_stride, std::size_t step,
    std::vector<float>& padded) {
  constexpr int kLanes = 16;
  const int half = size / 2;
  interleave_lines(in, kLanes, length, size, line_stride, step, padded);  // [i * 16 + lane]
  std::vector<float> values(padded.begin(), padded.begin() + static_cast<size_t>(size) * kLanes);
  std::vector<int> ranks(static_cast<size_t>(size) * kLanes);
  initial_ranks<kLanes>(values.data(), size, ranks.data());
  float* const value_at = values.data();
  int* const rank_at = ranks.data();
  const __m512i median_rank = _mm512_set1_epi32(half), top_rank = _mm512_set1_epi32(size - 1);
  const __m512i one = _mm512_set1_epi32(1);
  float lanes[kLanes];
  for (int i = 0; i < length; ++i) {
    __m512 median = _mm512_setzero_ps();
    if (i == 0) {
      for (int j = 0; j < size; ++j) {
        const __m512i r = _mm512_loadu_si512(rank_at + j * kLanes);
        median = _mm512_mask_mov_ps(median, _mm512_cmpeq_epi32_mask(r, median_rank),
                                    _mm512_loadu_ps(value_at + j * kLanes));
      }
    } else {
      const int slot = (i - 1) % size;
      const __m512 incoming = _mm512_loadu_ps(&padded[static_cast<size_t>(i + size - 1) * kLanes]);
      const __m512i outgoing_rank = _mm512_loadu_si512(rank_at + slot * kLanes);
      __m512i larger = _mm512_setzero_si512();
      for (int j = 0; j < size; ++j) {
        if (j == slot) continue;
        const __m512 v = _mm512_loadu_ps(value_at + j * kLanes);
        __m512i r = _mm512_loadu_si512(rank_at + j * kLanes);
        r = _mm512_mask_sub_epi32(r, _mm512_cmpgt_epi32_mask(r, outgoing_rank), r, one);
        const __mmask16 gt = _mm512_cmp_ps_mask(v, incoming, _CMP_GT_OQ);
        r = _mm512_mask_add_epi32(r, gt, r, one);  // above the incoming: +1
        larger = _mm512_mask_add_epi32(larger, gt, larger, one);
        _mm512_storeu_si512(rank_at + j * kLanes, r);
        median = _mm512_mask_mov_ps(median, _mm512_cmpeq_epi32_mask(r, median_rank), v);
      }
      const __m512i r = _mm512_sub_epi32(top_rank, larger);
      _mm512_storeu_ps(value_at + slot * kLanes, incoming);
      _mm512_storeu_si512(rank_at + slot * kLanes, r);
      median = _mm512_mask_mov_ps(median, _mm512_cmpeq_epi32_mask(r, median_rank), incoming);
    }
    if (line_stride == 1) {  // the sixteen lanes are adjacent columns
      _mm512_storeu_ps(out + i * step, median);
    } else {
      _mm512_storeu_ps(lanes, median);
      for (int lane = 0; lane < kLanes; ++lane) out[lane * line_stride + i * step] = lanes[lane];
    }
  }
}
#endif

void filter_all(const float* in, float* out, int lines, int length, int size,
                std::size_t line_stride, std::size_t step) {
  if (size < 1) throw std::invalid_argument("median filter size must be at least 1");
  if (length <= 0) return;
  std::vector<float> padded, windows;
  constexpr int kLanes = 4;
  int l = 0;
#ifdef CADENZA_MEDIAN_AVX512
  static const bool has_avx512 = __builtin_cpu_supports("avx512f");
  if (has_avx512)
    for (; l + 16 <= lines; l += 16)
      filter_sixteen_lines_ranked_avx512(in + l * line_stride, out + l * line_stride, length, size,
                                         line_stride, step, padded);
#endif
#ifdef CADENZA_MEDIAN_AVX2
  static const bool has_avx2 = __builtin_cpu_supports("avx2");
  if (has_avx2)
    for (; l + 8 <= lines; l += 8)
      filter_eight_lines_ranked_avx2(in + l * line_stride, out + l * line_stride, length, size,
                                     line_stride, step, padded);
#endif
#ifdef __SSE2__
  for (; l + 4 <= lines; l += 4)
    filter_four_lines_ranked(in + l * line_stride, out + l * line_stride, length, size, line_stride,
                             step, padded);
#endif
  for (; l + kLanes <= lines; l += kLanes)
    filter_lines<kLanes>(in + l * line_stride, out + l * line_stride, length, size, line_stride,
                         step, padded, windows);
  for (; l < lines; ++l)
    filter_lines<1>(in + l * line_stride, out + l * line_stride, length, size, line_stride, step,
                    padded, windows);
}

}  // namespace

void median_filter_rows(const float* in, float* out, int rows, int length, int size) {
  filter_all(in, out, rows, length, size, static_cast<std::size_t>(length), 1);
}

void median_filter_columns(const float* in, float* out, int rows, int columns, int size) {
  filter_all(in, out, columns, rows, size, 1, static_cast<std::size_t>(columns));
}

}  // namespace cadenza::dsp
