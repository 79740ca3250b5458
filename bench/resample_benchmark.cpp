// Speed of reading audio at another rate the way librosa.load does (decode, downmix, resample
// to 22,050 Hz) and of a whole GTZAN 30 s row of such a file, one thread. The file is
// $CADENZA_RESAMPLED_FILE (bench/features_resampled.sh passes a 44.1 kHz stereo 30 s render);
// without it, the resampler alone runs on 30 s of synthetic 44.1 kHz audio.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "audio/load.h"
#include "audio/resample.h"
#include "common/allocator.h"
#include "features/gtzan.h"

namespace {

using cadenza::audio::Resampler;

const std::vector<float>& synthetic_44k() {
  static const std::vector<float> samples = [] {
    std::vector<float> y(30 * 44100);
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    for (std::size_t i = 0; i < y.size(); ++i)
      y[i] = 0.3f * static_cast<float>(std::sin(2 * M_PI * 440.0 * i / 44100)) + normal(rng);
    return y;
  }();
  return samples;
}

void BM_Resample30s(benchmark::State& state, int from_rate, Resampler method) {
  std::vector<float> y = synthetic_44k();
  y.resize(static_cast<std::size_t>(30) * from_rate, 0.1f);
  for (auto _ : state)
    benchmark::DoNotOptimize(cadenza::audio::resample(y, from_rate, 22050, method));
}
BENCHMARK_CAPTURE(BM_Resample30s, 44100_kaiser_best, 44100, Resampler::kKaiserBest)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Resample30s, 44100_kaiser_fast, 44100, Resampler::kKaiserFast)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Resample30s, 44100_soxr, 44100, Resampler::kSoxr)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Resample30s, 48000_kaiser_best, 48000, Resampler::kKaiserBest)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Resample30s, 16000_kaiser_best, 16000, Resampler::kKaiserBest)
    ->Unit(benchmark::kMillisecond);

const char* resampled_file(benchmark::State& state) {
  const char* path = std::getenv("CADENZA_RESAMPLED_FILE");
  if (!path) state.SkipWithError("set CADENZA_RESAMPLED_FILE to an audio file");
  return path;
}

void BM_FileLoad(benchmark::State& state) {
  const char* path = resampled_file(state);
  if (!path) return;
  for (auto _ : state) benchmark::DoNotOptimize(cadenza::audio::load_mono(path));
}
BENCHMARK(BM_FileLoad)->Unit(benchmark::kMillisecond);

// librosa.load(path) + the GTZAN 30 s row: what features_librosa.py does per file.
void BM_File30sRow(benchmark::State& state) {
  const char* path = resampled_file(state);
  if (!path) return;
  for (auto _ : state) {
    const auto audio = cadenza::audio::load_mono(path);
    benchmark::DoNotOptimize(
        cadenza::features::gtzan_values(audio.samples.data(), audio.samples.size()));
  }
}
BENCHMARK(BM_File30sRow)->Unit(benchmark::kMillisecond);

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
