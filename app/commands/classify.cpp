// cadenza classify train|predict: genre classifiers on GTZAN feature CSVs (docs/classify.md).
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "classify/confusion_png.h"
#include "classify/model_factory.h"
#include "classify/prediction.h"
#include "classify/probabilities.h"
#include "classify/training.h"
#include "command.h"

namespace {

using namespace cadenza::classify;

struct TrainArgs {
  std::string features, kind = "knn", output, protocol = "paper", preprocess_on, confusion_png;
  bool json = false, any_labels = false;
  ModelOptions model;
};

struct PredictArgs {
  std::string model_file, features;
  bool json = false, rows = true, ignore_labels = false;
};

void run_train(const TrainArgs& args) {
  ReadOptions read;
  read.any_labels = args.any_labels;
  const FeatureTable table = read_feature_csv(args.features, read);
  TrainOptions options;
  options.kind = args.kind;
  options.protocol = parse_protocol(args.protocol);
  options.model = args.model;
  if (options.model.threads == 0) options.model.threads = cadenza::app::default_threads();
  const bool all_rows = args.preprocess_on.empty() ? options.protocol.kind == Protocol::Kind::paper
                                                   : args.preprocess_on == "all";
  options.preprocess_fit = all_rows ? PreprocessFit::all_rows : PreprocessFit::train_rows;
  make_model(args.kind, options.model);  // an unknown kind fails before any work
  const TrainResult result = train_and_evaluate(table, options);
  result.classifier.save(args.output);
  const std::string title = args.kind + ", " + options.protocol.describe();
  if (!args.confusion_png.empty())
    write_confusion_png(result.evaluation, args.confusion_png,
                        args.kind + " " + std::to_string(table.segment_seconds) + " s");
  if (args.json) {
    nlohmann::json out = to_json(result.evaluation);
    out["model"] = args.kind;
    out["protocol"] = options.protocol.describe();
    out["preprocess_fit"] = all_rows ? "all" : "train";
    out["features"] = args.features;
    out["segment_seconds"] = table.segment_seconds;
    out["train_rows"] = result.split.train.size();
    out["test_rows"] = result.split.test.size();
    out["fit_seconds"] = result.fit_seconds;
    out["predict_seconds"] = result.predict_seconds;
    out["seed"] = args.model.seed;
    out["output"] = args.output;
    std::cout << out.dump(1) << "\n";
    return;
  }
  std::printf(
      "%s: %zu training rows, %zu test rows, scaler+PCA fitted on %s rows, fit %.2f s, "
      "predict %.2f s\n\n%s\nsaved %s\n",
      title.c_str(), result.split.train.size(), result.split.test.size(),
      all_rows ? "all" : "training", result.fit_seconds, result.predict_seconds,
      to_text(result.evaluation).c_str(), args.output.c_str());
}

void run_predict(const PredictArgs& args) {
  const Classifier classifier = Classifier::load(args.model_file);
  const FeatureTable table = read_features_for(classifier, args.features, !args.ignore_labels);
  const Prediction prediction = predict_table(classifier, table);
  const auto table2 = ranked(prediction.mean, prediction.labels);
  if (args.json) {
    nlohmann::json out;
    out["model"] = classifier.kind();
    out["segment_seconds"] = classifier.segment_seconds;
    out["labels"] = prediction.labels;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t r = 0; r < prediction.filenames.size(); ++r) {
      nlohmann::json probs = nlohmann::json::object();
      for (std::size_t c = 0; c < prediction.labels.size(); ++c)
        probs[prediction.labels[c]] =
            prediction.probabilities(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c));
      rows.push_back(
          {{"filename", prediction.filenames[r]},
           {"predicted", prediction.labels[static_cast<std::size_t>(prediction.predicted[r])]},
           {"probabilities", probs}});
    }
    out["rows"] = rows;
    nlohmann::json mean = nlohmann::json::array();
    for (const auto& [label, p] : table2) mean.push_back({{"genre", label}, {"probability", p}});
    out["mean"] = mean;
    if (prediction.accuracy >= 0) out["accuracy"] = prediction.accuracy;
    std::cout << out.dump(1) << "\n";
    return;
  }
  if (args.rows) {
    std::printf("%-28s %-10s", "filename", "predicted");
    for (const auto& label : prediction.labels) std::printf(" %9.9s", label.c_str());
    std::printf("\n");
    for (std::size_t r = 0; r < prediction.filenames.size(); ++r) {
      std::printf("%-28s %-10s", prediction.filenames[r].c_str(),
                  prediction.labels[static_cast<std::size_t>(prediction.predicted[r])].c_str());
      for (std::size_t c = 0; c < prediction.labels.size(); ++c)
        std::printf(" %9.4f", prediction.probabilities(static_cast<Eigen::Index>(r),
                                                       static_cast<Eigen::Index>(c)));
      std::printf("\n");
    }
    std::printf("\n");
  }
  std::printf("mean over %zu rows (%s, %d s segments)\n%-12s %s\n", prediction.filenames.size(),
              classifier.kind().c_str(), classifier.segment_seconds, "genre", "probability");
  for (const auto& [label, p] : table2) std::printf("%-12s %6.2f%%\n", label.c_str(), 100.0 * p);
  if (prediction.accuracy >= 0)
    std::printf("accuracy against the label column: %.4f\n", prediction.accuracy);
}

void setup(CLI::App& sub) {
  sub.require_subcommand(1);
  auto train_args = std::make_shared<TrainArgs>();
  CLI::App* train =
      sub.add_subcommand("train", "train and evaluate a classifier on a features CSV");
  train
      ->add_option("--features", train_args->features,
                   "GTZAN features CSV (filename, length, 57 features, label)")
      ->required();
  std::string kinds;
  for (const auto& kind : model_kinds()) kinds += (kinds.empty() ? "" : "|") + kind;
  train->add_option("--model", train_args->kind, kinds)->capture_default_str();
  train->add_option("-o,--output", train_args->output, "model file to write (e.g. clf.cdz)")
      ->required();
  train
      ->add_option("--protocol", train_args->protocol,
                   "paper | by-song | split:<file of test rows>")
      ->capture_default_str();
  train
      ->add_option("--preprocess-on", train_args->preprocess_on,
                   "rows the scaler and PCA are fitted on: all (the notebooks; default for paper) "
                   "or train (default otherwise)")
      ->check(CLI::IsMember({"all", "train"}));
  train->add_option("--seed", train_args->model.seed, "split, forest and MLP seed")
      ->capture_default_str();
  train->add_option("--threads", train_args->model.threads, "threads (0: all cores)")
      ->capture_default_str();
  train->add_option("--k", train_args->model.knn_k, "KNN neighbours")->capture_default_str();
  train->add_option("--svm-c", train_args->model.svm_c, "SVM C")->capture_default_str();
  train->add_option("--svm-gamma", train_args->model.svm_gamma, "SVM RBF gamma")
      ->capture_default_str();
  train->add_option("--trees", train_args->model.forest_trees, "random forest trees")
      ->capture_default_str();
  train->add_option("--xgb-rounds", train_args->model.xgb_rounds, "XGBoost trees")
      ->capture_default_str();
  train->add_option("--epochs", train_args->model.mlp_epochs, "MLP epochs")->capture_default_str();
  train->add_option("--confusion-png", train_args->confusion_png,
                    "write the confusion matrix as a PNG");
  train->add_flag("--json", train_args->json, "print the evaluation as JSON");
  train->add_flag("--any-labels", train_args->any_labels,
                  "accept labels other than the 10 GTZAN genres");
  train->callback([train_args] { run_train(*train_args); });

  auto predict_args = std::make_shared<PredictArgs>();
  CLI::App* predict =
      sub.add_subcommand("predict", "genre probabilities for the rows of a features CSV");
  predict->add_option("model", predict_args->model_file, "model file from `cadenza classify train`")
      ->required();
  predict
      ->add_option("features", predict_args->features,
                   "features CSV (same columns and segment length)")
      ->required();
  predict->add_flag("--json", predict_args->json, "print JSON");
  predict->add_flag("!--no-rows", predict_args->rows, "print only the mean table");
  predict->add_flag("--ignore-labels", predict_args->ignore_labels,
                    "ignore a label column (accuracy is printed only when labels are used)");
  predict->callback([predict_args] { run_predict(*predict_args); });
}

const bool registered = cadenza::app::register_command(
    {"classify", "genre classifiers on GTZAN features: train, predict", setup});

}  // namespace
