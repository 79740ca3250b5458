// cadenza classify train|predict: genre classifiers on GTZAN feature CSVs, and their genre
// probabilities for feature CSVs, audio and MIDI files (docs/classify.md).
#include <algorithm>
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
#include "commands/classify_cnn.h"
#include "commands/resample_option.h"
#include "common/gtzan.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "genre/audio_prediction.h"
#include "genre/window_classifier.h"

namespace {

using namespace cadenza::classify;

struct ClassifyTrainArgs {
  std::string features, kind = "knn", output, protocol = "paper", preprocess_on, confusion_png;
  bool json = false, any_labels = false;
  ModelOptions model;
};

struct ClassifyPredictArgs {
  std::string model_file;
  std::vector<std::string> inputs;  // one features CSV, or audio / MIDI files and folders
  bool json = false, rows = true, ignore_labels = false;
  double seconds = 0;
  unsigned threads = 0;
  std::string soundfont = cadenza::audio::kDefaultSoundfont;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
};

bool is_csv(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}

void run_train(const ClassifyTrainArgs& args) {
  validate_model_options(args.model);
  cadenza::refuse_output_over_input(args.output, {args.features});
  if (!args.confusion_png.empty())
    cadenza::refuse_output_over_input(args.confusion_png, {args.features});
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
  const TrainSummary result = train_and_evaluate(table, options);
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

void run_predict_csv(const ClassifyPredictArgs& args) {
  const Classifier classifier = Classifier::load(args.model_file);
  const FeatureTable table = read_features_for(classifier, args.inputs[0], !args.ignore_labels);
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

// Audio and MIDI files: windows of the model's segment length, probabilities per window, their
// mean per file (softmax never applied again), and the mean over the files.
void run_predict_audio(const ClassifyPredictArgs& args) {
  using namespace cadenza::genre;
  if (!(args.seconds >= 0)) throw std::invalid_argument("--seconds must be >= 0");
  const std::unique_ptr<WindowClassifier> classifier = load_window_classifier(args.model_file);
  const std::vector<fs::path> files = collect_pieces(args.inputs);
  if (files.empty()) throw std::runtime_error("no audio or MIDI files found in the given inputs");
  if (!fs::is_regular_file(args.soundfont) &&
      std::any_of(files.begin(), files.end(), [](const fs::path& f) { return is_midi_file(f); }))
    throw std::runtime_error(args.soundfont +
                             ": soundfont not found (install fluid-soundfont-gm or pass "
                             "--soundfont)");
  PieceOptions options;
  options.seconds = args.seconds;
  options.synth.soundfont = args.soundfont;
  options.resampler = args.resampler;
  options.threads = args.threads ? args.threads : cadenza::app::default_threads();
  cadenza::Progress progress("classify", files.size(), "files");
  const std::vector<PiecePrediction> pieces =
      predict_pieces(*classifier, files, options, [&](const PiecePrediction& piece) {
        if (!piece.ok()) std::fprintf(stderr, "cadenza classify: error: %s\n", piece.error.c_str());
        progress.advance();
      });
  progress.finish();
  const std::vector<std::string>& labels = classifier->labels();
  std::size_t failed = 0;
  for (const auto& piece : pieces) failed += !piece.ok();
  const Vector mean = mean_of_pieces(pieces);
  char used[64] = "whole pieces";
  if (args.seconds > 0) std::snprintf(used, sizeof used, "first %g s", args.seconds);
  if (args.json) {
    nlohmann::json out;
    out["model"] = classifier->kind();
    out["classifier"] = classifier->describe();
    out["segment_seconds"] = classifier->segment_seconds();
    out["seconds"] = args.seconds;
    out["labels"] = labels;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& piece : pieces) {
      if (!piece.ok()) continue;
      nlohmann::json probs = nlohmann::json::object(), windows = nlohmann::json::array();
      for (std::size_t c = 0; c < labels.size(); ++c)
        probs[labels[c]] = piece.mean(static_cast<Eigen::Index>(c));
      for (Eigen::Index w = 0; w < piece.windows.rows(); ++w) {
        std::vector<double> row(piece.windows.row(w).data(),
                                piece.windows.row(w).data() + piece.windows.cols());
        windows.push_back(row);
      }
      nlohmann::json ranked_json = nlohmann::json::array();
      for (const auto& [label, p] : ranked(piece.mean, labels))
        ranked_json.push_back({{"genre", label}, {"probability", p}});
      rows.push_back({{"file", piece.file.string()},
                      {"midi", piece.midi},
                      {"seconds", static_cast<double>(piece.samples) / cadenza::gtzan::kSampleRate},
                      {"predicted", labels[static_cast<std::size_t>(piece.top())]},
                      {"probabilities", probs},
                      {"ranked", ranked_json},
                      {"window_probabilities", windows}});
    }
    out["files"] = rows;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& piece : pieces)
      if (!piece.ok()) errors.push_back({{"file", piece.file.string()}, {"error", piece.error}});
    out["errors"] = errors;
    if (mean.size() > 0) {
      nlohmann::json mean_json = nlohmann::json::array();
      for (const auto& [label, p] : ranked(mean, labels))
        mean_json.push_back({{"genre", label}, {"probability", p}});
      out["mean"] = mean_json;
    }
    std::cout << out.dump(1) << "\n";
  } else if (mean.size() > 0) {
    if (args.rows) {
      std::size_t width = 28;
      for (const auto& piece : pieces)
        width = std::max(width, piece.file.filename().string().size() + 2);
      std::printf("%-*s %7s %-10s", static_cast<int>(width), "file", "windows", "predicted");
      for (const auto& label : labels) std::printf(" %9.9s", label.c_str());
      std::printf("\n");
      for (const auto& piece : pieces) {
        if (!piece.ok()) continue;
        std::printf("%-*s %7lld %-10s", static_cast<int>(width),
                    piece.file.filename().string().c_str(),
                    static_cast<long long>(piece.windows.rows()),
                    labels[static_cast<std::size_t>(piece.top())].c_str());
        for (Eigen::Index c = 0; c < piece.mean.size(); ++c) std::printf(" %9.4f", piece.mean(c));
        std::printf("\n");
      }
      std::printf("\n");
    }
    std::printf("mean over %zu files (%s; %s, MIDI rendered with FluidSynth)\n%-12s %s\n",
                files.size() - failed, classifier->describe().c_str(), used, "genre",
                "probability");
    for (const auto& [label, p] : ranked(mean, labels))
      std::printf("%-12s %6.2f%%\n", label.c_str(), 100.0 * p);
  }
  if (failed > 0)
    throw std::runtime_error(std::to_string(failed) + " of " + std::to_string(files.size()) +
                             " files could not be classified");
}

void run_predict(const ClassifyPredictArgs& args) {
  const bool csv = std::any_of(args.inputs.begin(), args.inputs.end(), is_csv);
  if (!csv) return run_predict_audio(args);
  if (args.inputs.size() != 1)
    throw std::invalid_argument(
        "a features CSV is predicted on its own: give one CSV, or audio / MIDI files");
  run_predict_csv(args);
}

void setup(CLI::App& sub) {
  sub.require_subcommand(1);
  auto train_args = std::make_shared<ClassifyTrainArgs>();
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
                   "paper | by-song | by-block (per genre the last third of the songs in name "
                   "order test) | by-block:N (clips numbered N and above test) | split:<file of "
                   "test rows>")
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

  auto predict_args = std::make_shared<ClassifyPredictArgs>();
  CLI::App* predict = sub.add_subcommand(
      "predict", "genre probabilities of the rows of a features CSV, or of audio and MIDI files");
  predict->add_option("model", predict_args->model_file, "model file from `cadenza classify train`")
      ->required();
  predict
      ->add_option("inputs", predict_args->inputs,
                   "a features CSV (same columns and segment length), or audio files, MIDI files "
                   "(rendered with FluidSynth) and folders (searched recursively)")
      ->required();
  predict->add_flag("--json", predict_args->json, "print JSON");
  predict->add_flag("!--no-rows", predict_args->rows, "print only the mean table");
  predict->add_flag("--ignore-labels", predict_args->ignore_labels,
                    "CSV: ignore a label column (accuracy is printed only when labels are used)");
  predict
      ->add_option("--seconds", predict_args->seconds,
                   "audio/MIDI: use only the first N seconds of each piece (0: all)")
      ->capture_default_str();
  predict->add_option("--threads", predict_args->threads, "files in parallel (0: all cores)")
      ->capture_default_str();
  predict->add_option("--soundfont", predict_args->soundfont, "SoundFont 2 file for MIDI")
      ->capture_default_str();
  cadenza::app::add_resample_option(*predict, predict_args->resampler);
  predict->callback([predict_args] { run_predict(*predict_args); });
  cadenza::app::add_cnn_subcommands(sub);
}

const bool registered = cadenza::app::register_command(
    {"classify", "genre classifiers on GTZAN features: train, predict", setup});

}  // namespace
