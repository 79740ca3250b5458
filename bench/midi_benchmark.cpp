// MIDI reading speed over the shared jazz collections: parse (bytes in memory -> midi::File),
// parse + score::from_midi, the same from disk, and writing (to_midi + serialize). Reports MB/s
// (bytes_per_second) and files/s. Collections that are absent are skipped with a note.
//   build-a/bench/midi_benchmark [--benchmark_min_time=2]
// The data folder is $CADENZA_SHARED_DATA or the one configured at build time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "midi/reader.h"
#include "midi/writer.h"
#include "score/score.h"

namespace {

namespace fs = std::filesystem;
using namespace cadenza;

struct Collection {
  std::string name;
  std::vector<fs::path> paths;
  std::vector<std::vector<std::uint8_t>> bytes;
  std::size_t total_bytes = 0;
};

fs::path shared_data_dir() {
  const char* env = std::getenv("CADENZA_SHARED_DATA");
  return env != nullptr && *env != '\0' ? fs::path(env) : fs::path(CADENZA_SHARED_DATA);
}

Collection load(const std::string& name) {
  Collection c;
  c.name = name;
  const fs::path dir = shared_data_dir() / "midi" / name;
  if (!fs::is_directory(dir)) return c;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".mid") c.paths.push_back(entry.path());
  }
  std::sort(c.paths.begin(), c.paths.end());
  for (const auto& path : c.paths) {
    std::ifstream in(path, std::ios::binary);
    c.bytes.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    c.total_bytes += c.bytes.back().size();
  }
  return c;
}

void report(benchmark::State& state, const Collection& c) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.total_bytes));
  state.counters["files/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.paths.size()), benchmark::Counter::kIsRate);
}

void parse_only(benchmark::State& state, const Collection* c) {
  for (auto _ : state) {
    for (std::size_t i = 0; i < c->bytes.size(); ++i) {
      benchmark::DoNotOptimize(midi::parse(c->bytes[i].data(), c->bytes[i].size()));
    }
  }
  report(state, *c);
}

void parse_and_score(benchmark::State& state, const Collection* c) {
  std::size_t notes = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < c->bytes.size(); ++i) {
      const score::Score s = score::from_midi(midi::parse(c->bytes[i].data(), c->bytes[i].size()));
      notes += s.notes.size();
    }
  }
  report(state, *c);
  state.counters["notes/s"] =
      benchmark::Counter(static_cast<double>(notes), benchmark::Counter::kIsRate);
}

void read_file_and_score(benchmark::State& state, const Collection* c) {
  for (auto _ : state) {
    for (const auto& path : c->paths) benchmark::DoNotOptimize(score::from_midi(midi::read(path)));
  }
  report(state, *c);
}

void write_score(benchmark::State& state, const Collection* c) {
  std::vector<score::Score> scores;
  for (const auto& b : c->bytes)
    scores.push_back(score::from_midi(midi::parse(b.data(), b.size())));
  for (auto _ : state) {
    for (const auto& s : scores) benchmark::DoNotOptimize(midi::serialize(score::to_midi(s)));
  }
  report(state, *c);  // MB/s of the original files, for comparison with reading
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<Collection> collections;
  for (const char* name : {"wjazzd_solos", "midkar_jazz"}) {
    Collection c = load(name);
    if (c.paths.empty()) {
      std::cerr << "midi_benchmark: " << (shared_data_dir() / "midi" / name).string()
                << " is absent, skipped\n";
      continue;
    }
    collections.push_back(std::move(c));
  }
  for (const Collection& c : collections) {
    benchmark::RegisterBenchmark(("parse/" + c.name).c_str(), parse_only, &c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("parse+from_midi/" + c.name).c_str(), parse_and_score, &c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("read_file+from_midi/" + c.name).c_str(), read_file_and_score, &c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("to_midi+serialize/" + c.name).c_str(), write_score, &c)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
