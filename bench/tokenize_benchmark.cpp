// Micro-benchmarks of the paper tokenizer on the shared jazz collections, read into memory first
// so that only tokenization is timed (one thread). End-to-end numbers with file reading and all
// cores come from bench/tokenize.sh. Collections absent from ../shared/data are skipped.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tokens/batch.h"
#include "tokens/normal_order.h"
#include "tokens/paper_tokenizer.h"

namespace {
namespace fs = std::filesystem;

fs::path shared_data() {
  if (const char* env = std::getenv("CADENZA_SHARED_DATA")) return env;
  return CADENZA_SHARED_DATA;
}

std::vector<std::vector<std::uint8_t>> load(const std::string& collection) {
  std::vector<std::vector<std::uint8_t>> files;
  const fs::path dir = shared_data() / "midi" / collection;
  if (!fs::is_directory(dir)) return files;
  for (const auto& input : cadenza::tokens::collect_midi_files({dir})) {
    std::ifstream in(input.path, std::ios::binary);
    files.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return files;
}

void BM_PaperTokenize(benchmark::State& state, const std::string& collection) {
  static std::map<std::string, std::vector<std::vector<std::uint8_t>>> cache;
  auto& files = cache[collection];
  if (files.empty()) files = load(collection);
  if (files.empty()) {
    state.SkipWithError(("shared data missing: midi/" + collection).c_str());
    return;
  }
  std::size_t tokens = 0, bytes = 0;
  for (auto _ : state) {
    for (const auto& f : files) {
      auto result = cadenza::tokens::paper_tokenize(f.data(), f.size(), collection);
      tokens += result.tokens.size();
      bytes += f.size();
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["files"] = static_cast<double>(files.size());
}

void BM_NormalOrder(benchmark::State& state) {
  const std::vector<std::vector<int>> chords = {
      {60, 64, 67}, {59, 63, 66}, {62, 65, 69, 72}, {55, 59, 62, 65, 69}, {48, 60, 72}};
  for (auto _ : state)
    for (const auto& c : chords) benchmark::DoNotOptimize(cadenza::tokens::chord_token(c));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * chords.size()));
}

}  // namespace

BENCHMARK_CAPTURE(BM_PaperTokenize, wjazzd_solos, std::string("wjazzd_solos"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PaperTokenize, kaggle_jazz_subset,
                  std::string("kaggle_jazz_subset_lstm_music"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PaperTokenize, midkar_jazz, std::string("midkar_jazz"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalOrder);

BENCHMARK_MAIN();
