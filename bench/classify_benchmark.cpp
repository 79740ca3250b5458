// Fit + predict time of each genre classifier on the GTZAN 30 s features (fixed paper split,
// scaler and PCA on all rows, as bench/classify/reference.py times scikit-learn). The slow
// models (xgboost, voting, stacking, mlp) run only with CADENZA_BENCH_SLOW=1.
//   build/bench/classify_benchmark --benchmark_filter=knn
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "classify/model_factory.h"
#include "classify/training.h"

namespace {

using namespace cadenza::classify;

const std::filesystem::path kData = std::filesystem::path(CADENZA_SHARED_DATA) / "gtzan";

void fit_and_predict(benchmark::State& state, const std::string& kind) {
  if (!std::filesystem::exists(kData / "features_30_sec.csv")) {
    state.SkipWithError("shared data not found");
    return;
  }
  const bool slow = kind == "xgboost" || kind == "voting" || kind == "stacking" || kind == "mlp";
  const char* env = std::getenv("CADENZA_BENCH_SLOW");
  if (slow && !(env && std::string(env) == "1")) {
    state.SkipWithError("slow model: set CADENZA_BENCH_SLOW=1");
    return;
  }
  const FeatureTable table = read_feature_csv(kData / "features_30_sec.csv");
  TrainOptions options;
  options.kind = kind;
  options.protocol =
      parse_protocol("split:" + (kData / "splits/features_30_sec.paper.test.txt").string());
  options.preprocess_fit = PreprocessFit::all_rows;
  double accuracy = 0;
  for (auto _ : state) accuracy = train_and_evaluate(table, options).evaluation.accuracy;
  state.counters["accuracy"] = accuracy;
}

const bool registered = [] {
  for (const auto& kind : model_kinds())
    benchmark::RegisterBenchmark(("fit_predict_30s/" + kind).c_str(),
                                 [kind](benchmark::State& state) { fit_and_predict(state, kind); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
