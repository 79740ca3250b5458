#pragma once
// resampy 0.4.2's interpolation filters, designed here instead of read from its .npz files:
// the right half of a Kaiser-windowed sinc, sampled `table_per_crossing` times per zero
// crossing (resampy.filters.sinc_window with window = scipy's kaiser(beta)). The values agree
// with resampy's shipped kaiser_best / kaiser_fast tables to 2e-15 (tests/audio).
namespace cadenza::audio {

// The modified Bessel function of the first kind, order 0 (power series, full double accuracy
// for the arguments a Kaiser window uses, |x| < 50).
double bessel_i0(double x);

struct KaiserSincFilter {
  int zero_crossings;      // resampy's num_zeros
  int table_per_crossing;  // 2^precision, resampy's `precision` as stored in the .npz
  double rolloff;          // cut-off as a fraction of Nyquist
  double beta;             // Kaiser window shape

  // Entries in the table: zero_crossings * table_per_crossing + 1 (resampy's len(interp_win)).
  long table_size() const { return static_cast<long>(zero_crossings) * table_per_crossing + 1; }
  // Entry `index` (0 <= index < table_size()) of resampy's half_window.
  double operator()(long index) const { return value(index, bessel_i0(beta)); }
  // The same with bessel_i0(beta) computed once by the caller (half the work).
  double value(long index, double i0_beta) const;
};

// resampy/data/kaiser_best.npz: -120 dB, 50 zero crossings, 8192 entries per crossing.
inline constexpr KaiserSincFilter kKaiserBest{50, 8192, 0.917347, 12.9846};
// resampy/data/kaiser_fast.npz: -93 dB, 24 zero crossings, 512 entries per crossing.
inline constexpr KaiserSincFilter kKaiserFast{24, 512, 0.868212, 9.90322};

}  // namespace cadenza::audio
