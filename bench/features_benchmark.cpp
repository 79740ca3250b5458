// Speed of the GTZAN feature set: one 30 s clip's full work (its 30 s row plus its ten 3 s
// rows) on one thread, and the parts that dominate it. librosa 0.9.2 takes ~3.8 s per clip for
// the same work on a quiet 2-core machine (../shared/data/gtzan/SOURCES.md).
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "audio/load.h"
#include "common/allocator.h"
#include "dsp/hpss.h"
#include "dsp/median_filter.h"
#include "dsp/stft.h"
#include "features/gtzan.h"

namespace {

const std::vector<float>& clip() {
  static const std::vector<float> samples = [] {
    const std::filesystem::path path =
        std::filesystem::path(CADENZA_SHARED_DATA) / "gtzan/audio/blues/blues.00000.wav";
    if (std::filesystem::exists(path)) return cadenza::audio::load_mono(path).samples;
    std::vector<float> noise(661794);  // no shared data: 30 s of noise, same sizes
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    for (float& v : noise) v = normal(rng);
    return noise;
  }();
  return samples;
}

void add_timings(benchmark::State& state, const cadenza::features::FeatureTimings& t,
                 cadenza::features::FeatureTimings& sum) {
  sum.stft += t.stft, sum.chroma += t.chroma, sum.rms_zcr += t.rms_zcr;
  sum.spectral += t.spectral, sum.hpss += t.hpss, sum.mel_mfcc += t.mel_mfcc, sum.tempo += t.tempo;
  (void)state;
}

void BM_ClipAllFeatures(benchmark::State& state) {
  const std::vector<float>& y = clip();
  cadenza::features::FeatureTimings sum;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cadenza::features::gtzan_values(y.data(), y.size()));
    add_timings(state, cadenza::features::last_feature_timings(), sum);
    for (std::size_t k = 0; (k + 1) * cadenza::gtzan::kThreeSecondSamples <= y.size(); ++k) {
      benchmark::DoNotOptimize(cadenza::features::gtzan_values(
          y.data() + k * cadenza::gtzan::kThreeSecondSamples, cadenza::gtzan::kThreeSecondSamples));
      add_timings(state, cadenza::features::last_feature_timings(), sum);
    }
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["stft_s"] = sum.stft / n;
  state.counters["chroma_s"] = sum.chroma / n;
  state.counters["rms_zcr_s"] = sum.rms_zcr / n;
  state.counters["spectral_s"] = sum.spectral / n;
  state.counters["hpss_s"] = sum.hpss / n;
  state.counters["mel_mfcc_s"] = sum.mel_mfcc / n;
  state.counters["tempo_s"] = sum.tempo / n;
}
BENCHMARK(BM_ClipAllFeatures)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Clip30sRow(benchmark::State& state) {
  const std::vector<float>& y = clip();
  for (auto _ : state)
    benchmark::DoNotOptimize(cadenza::features::gtzan_values(y.data(), y.size()));
}
BENCHMARK(BM_Clip30sRow)->Unit(benchmark::kMillisecond);

void BM_Stft30s(benchmark::State& state) {
  const std::vector<float>& y = clip();
  for (auto _ : state) benchmark::DoNotOptimize(cadenza::dsp::stft(y.data(), y.size()));
}
BENCHMARK(BM_Stft30s)->Unit(benchmark::kMillisecond);

void BM_MedianFilter31(benchmark::State& state) {
  const std::vector<float>& y = clip();
  const auto magnitude = cadenza::dsp::magnitude(cadenza::dsp::stft(y.data(), y.size()));
  std::vector<float> out(magnitude.values.size());
  for (auto _ : state)
    cadenza::dsp::median_filter_rows(magnitude.values.data(), out.data(), magnitude.frames,
                                     magnitude.bins, 31);
  state.SetItemsProcessed(state.iterations() * magnitude.values.size());
}
BENCHMARK(BM_MedianFilter31)->Unit(benchmark::kMillisecond);

void BM_Hpss30s(benchmark::State& state) {
  const std::vector<float>& y = clip();
  const auto magnitude = cadenza::dsp::stft_magnitude(y.data(), y.size());
  for (auto _ : state)
    benchmark::DoNotOptimize(cadenza::dsp::hpss_harmonic_wave(y.data(), y.size(), magnitude));
}
BENCHMARK(BM_Hpss30s)->Unit(benchmark::kMillisecond);

}  // namespace

// The allocator as the cadenza program sets it (app/main.cpp).
int main(int argc, char** argv) {
  cadenza::keep_freed_memory_for_reuse();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
