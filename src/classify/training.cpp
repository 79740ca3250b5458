#include "classify/training.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "classify/model_factory.h"

namespace cadenza::classify {

std::vector<std::string> label_names(const FeatureTable& table) {
  const std::set<std::string> names(table.labels.begin(), table.labels.end());
  return {names.begin(), names.end()};
}

TrainSummary train_and_evaluate(const FeatureTable& table, const TrainOptions& options) {
  if (table.labels.empty())
    throw std::runtime_error(table.source + ": no label column to train on");
  TrainSummary result;
  const std::vector<std::string> names = label_names(table);
  if (names.size() < 2)
    throw std::runtime_error(table.source + ": only one label ('" + names.front() +
                             "'), a classifier needs at least two");
  std::map<std::string, int> count;
  for (const auto& label : table.labels) ++count[label];
  for (const auto& [label, n] : count)
    if (n < options.min_rows_per_class)
      throw std::runtime_error(table.source + ": too few rows for class '" + label +
                               "': " + std::to_string(n) + " (at least " +
                               std::to_string(options.min_rows_per_class) + " are needed)");
  Labels y;
  for (const auto& label : table.labels)
    y.push_back(
        static_cast<int>(std::lower_bound(names.begin(), names.end(), label) - names.begin()));

  result.split = make_split(table, options.protocol, options.model.seed);
  const auto& train = result.split.train;
  const auto& test = result.split.test;
  Labels train_y, test_y;
  for (Eigen::Index r : train) train_y.push_back(y[static_cast<std::size_t>(r)]);
  for (Eigen::Index r : test) test_y.push_back(y[static_cast<std::size_t>(r)]);

  Classifier& classifier = result.classifier;
  classifier.labels = names;
  classifier.columns = table.columns;
  classifier.segment_seconds = table.segment_seconds;
  classifier.model = make_model(options.kind, options.model);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const Matrix train_x = table.x(train, Eigen::all);
  const Matrix& fit_rows = options.preprocess_fit == PreprocessFit::all_rows ? table.x : train_x;
  classifier.scaler.fit(fit_rows);
  classifier.pca.fit(classifier.scaler.transform(fit_rows));
  classifier.model->fit(classifier.preprocess(train_x), train_y, static_cast<int>(names.size()));
  const auto fitted = Clock::now();
  const Labels predicted = classifier.predict(table.x(test, Eigen::all));
  const auto done = Clock::now();
  result.fit_seconds = std::chrono::duration<double>(fitted - start).count();
  result.predict_seconds = std::chrono::duration<double>(done - fitted).count();
  result.evaluation = evaluate(test_y, predicted, names);
  return result;
}

}  // namespace cadenza::classify
