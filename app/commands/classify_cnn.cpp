// cadenza classify train-cnn: a CNN on log-mel spectrograms of an audio folder (one sub-folder
// per genre), with the paper's augmentations, trained and evaluated by song.
#include "commands/classify_cnn.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "command.h"
#include "common/error.h"

#ifdef CADENZA_WITH_CNN
#include <nlohmann/json.hpp>

#include "classify/confusion_png.h"
#include "cnn/dataset.h"
#include "cnn/evaluate.h"
#include "cnn/song_split.h"
#include "cnn/trainer.h"
#endif

namespace cadenza::app {

#ifndef CADENZA_WITH_CNN

void add_cnn_subcommands(CLI::App& classify) {
  CLI::App* train = classify.add_subcommand("train-cnn", "CNN on log-mel spectrograms (libtorch)");
  train->allow_extras();
  train->callback([] { throw NeedsTorch("classify train-cnn"); });
}

#else

namespace {

struct CnnArgs {
  // The defaults are the best settings measured under --protocol by-block (docs/classify.md):
  // a small network, dropout 0.5, band and time shifts; mixup, weight decay and the paper's
  // copies off.
  std::string audio, output, protocol = "by-block", augment = "off", confusion_png;
  std::string pool = "time", channels = "8,16,32,64", shift_time = "on";
  double segment = 3, validation = 0.2, dropout = 0.5;
  int min_songs = 5;
  bool json = false, no_augment = false;
  cnn::TrainOptions train;
};

cnn::AugmentMode augment_mode(const std::string& name) {
  if (name == "once") return cnn::AugmentMode::once;
  if (name == "fresh") return cnn::AugmentMode::fresh;
  return cnn::AugmentMode::off;
}

std::vector<int> parse_channels(const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    if (item.empty() || item.size() > 4 ||
        item.find_first_not_of("0123456789") != std::string::npos || std::stoi(item) < 1)
      throw std::invalid_argument(
          "--channels '" + text +
          "': expected channel counts separated by commas, e.g. 16,32,64,128");
    out.push_back(std::stoi(item));
    start = end + 1;
  }
  return out;
}

void note(const std::string& text) {
  std::fprintf(stderr, "cadenza classify train-cnn: %s\n", text.c_str());
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::size_t windows_of(const cnn::Dataset& data, const std::vector<int>& songs) {
  std::size_t n = 0;
  for (int s : songs) n += data.songs[static_cast<std::size_t>(s)].images;
  return n;
}

void run_train_cnn(CnnArgs args) {
  cnn::TrainOptions options = args.train;
  options.augment = args.no_augment ? cnn::AugmentMode::off : augment_mode(args.augment);
  options.augmenter = cnn::paper_augmenter();
  options.shift_time = args.shift_time == "on";
  if (options.threads <= 0) options.threads = static_cast<int>(default_threads());
  options.verbose = true;
  const classify::Protocol protocol = cnn::parse_song_protocol(args.protocol);
  cnn::check_device(options.device);  // before minutes of work
  if (options.epochs < 1 || options.batch < 2 || !(options.learning_rate > 0))
    throw std::invalid_argument("--epochs >= 1, --batch >= 2 and --lr > 0 are needed");

  cnn::DatasetOptions data_options;
  data_options.segment_seconds = args.segment;
  data_options.min_songs = args.min_songs;
  data_options.threads = default_threads();  // plain threads over files: all cores
  const cnn::Dataset data = cnn::load_dataset(args.audio, data_options, note);
  const cnn::SongSplit split =
      cnn::split_songs(data, protocol, options.seed, 0.2, args.validation, note);

  cnn::ModelSpec spec;
  spec.labels = data.labels;
  spec.segment_seconds = data.segment_seconds;
  spec.window_samples = data.window_samples;
  spec.channels = parse_channels(args.channels);
  spec.dropout = args.dropout;
  spec.global_pool = args.pool == "global";
  if (!(spec.dropout >= 0 && spec.dropout < 1))
    throw std::invalid_argument("--dropout must be in [0, 1)");
  if ((data.images.bands >> spec.channels.size()) < 1)
    throw std::invalid_argument("--channels: too many blocks for " +
                                std::to_string(data.images.bands) + " mel bands");
  const cnn::ImageSet train = cnn::images_of(data, split.train);
  const cnn::ImageSet validation = cnn::images_of(data, split.validation);
  std::fprintf(stderr,
               "%zu genres (%s), %zu songs, %zu windows of %g s (%d x %d log-mel); %s: train %zu "
               "songs (%zu windows), validation %zu (%zu), test %zu (%zu)\n",
               data.labels.size(), join(data.labels).c_str(), data.songs.size(), data.images.size(),
               data.segment_seconds, data.images.bands, data.images.frames,
               protocol.describe().c_str(), split.train.size(), train.size(),
               split.validation.size(), validation.size(), split.test.size(),
               windows_of(data, split.test));
  cnn::TrainSummary report;
  cnn::CnnModel model = cnn::train_cnn(spec, train, validation, options, &report);
  const cnn::CnnEvaluation evaluation = cnn::evaluate_songs(model, data, split.test);
  cnn::ModelValidation validated;
  validated.protocol = protocol.describe();
  validated.test_songs = split.test.size();
  validated.test_windows = windows_of(data, split.test);
  validated.window_accuracy = evaluation.windows.accuracy;
  validated.song_accuracy = evaluation.songs.accuracy;
  model.set_validation(validated);
  model.save(args.output);
  if (!args.confusion_png.empty())
    classify::write_confusion_png(
        evaluation.windows, args.confusion_png,
        "cnn " + std::to_string(static_cast<int>(data.segment_seconds)) + " s windows");

  double train_seconds = 0;
  for (const auto& e : report.history) train_seconds += e.seconds;
  const double per_epoch =
      train_seconds / static_cast<double>(std::max<std::size_t>(1, report.history.size()));
  if (args.json) {
    nlohmann::json out = cnn::to_json(evaluation);
    out["model"] = "cnn";
    out["audio"] = args.audio;
    out["labels"] = data.labels;
    out["segment_seconds"] = data.segment_seconds;
    out["window_samples"] = data.window_samples;
    out["image"] = {data.images.bands, data.images.frames};
    out["protocol"] = protocol.describe();
    out["seed"] = options.seed;
    out["augment"] = args.no_augment ? "off" : args.augment;
    out["shift_bands"] = options.shift_bands;
    out["shift_time"] = options.shift_time;
    out["mixup"] = options.mixup;
    out["weight_decay"] = options.weight_decay;
    out["channels"] = spec.channels;
    out["dropout"] = spec.dropout;
    out["pool"] = args.pool;
    out["validation_fraction"] = args.validation;
    out["device"] = options.device;
    out["threads"] = options.threads;
    // "windows" and "songs" hold the two evaluations (cnn::to_json); counts go beside them.
    out["song_counts"] = {{"train", split.train.size()},
                          {"validation", split.validation.size()},
                          {"test", split.test.size()}};
    out["window_counts"] = {{"train", train.size()},
                            {"validation", validation.size()},
                            {"test", windows_of(data, split.test)}};
    out["training_images_per_epoch"] = report.training_images;
    std::vector<std::string> test_songs;
    for (int s : split.test) test_songs.push_back(data.songs[static_cast<std::size_t>(s)].name);
    out["test_songs"] = test_songs;
    nlohmann::json history = nlohmann::json::array();
    for (const auto& e : report.history)
      history.push_back({{"epoch", e.epoch},
                         {"train_loss", e.train_loss},
                         {"train_accuracy", e.train_accuracy},
                         {"validation_loss", e.validation_loss},
                         {"validation_accuracy", e.validation_accuracy},
                         {"seconds", e.seconds}});
    out["history"] = history;
    out["epochs_run"] = report.history.size();
    out["best_epoch"] = report.best_epoch;
    out["stopped_early"] = report.stopped_early;
    out["seconds_per_epoch"] = per_epoch;
    out["train_seconds"] = report.seconds;
    out["output"] = args.output;
    std::cout << out.dump(1) << "\n";
    return;
  }
  std::printf(
      "cnn, %s, %g s windows, augment %s: %zu epochs run (weights of epoch %d%s), %.1f s per "
      "epoch (%zu training images), %.0f s in all\n\n",
      protocol.describe().c_str(), data.segment_seconds,
      args.no_augment ? "off" : args.augment.c_str(), report.history.size(), report.best_epoch,
      report.stopped_early ? ", stopped early" : "", per_epoch, report.training_images,
      report.seconds);
  std::printf("test windows (%zu): accuracy %.4f, log loss %.4f\n%s\n",
              windows_of(data, split.test), evaluation.windows.accuracy, evaluation.window_log_loss,
              classify::to_text(evaluation.windows).c_str());
  std::printf(
      "test songs (%zu; mean of the window probabilities): accuracy %.4f, log loss %.4f\n%s\n",
      split.test.size(), evaluation.songs.accuracy, evaluation.song_log_loss,
      classify::to_text(evaluation.songs).c_str());
  std::printf("saved %s\n", args.output.c_str());
}

}  // namespace

void add_cnn_subcommands(CLI::App& classify) {
  auto args = std::make_shared<CnnArgs>();
  // One torch thread: on the shared 2-core machine two were twice as slow (docs/classify.md).
  args->train.threads = 1;
  args->train.shift_bands = 4;  // mixup and weight decay: off, they did not help (docs)
  CLI::App* train = classify.add_subcommand(
      "train-cnn", "train and evaluate a CNN on log-mel spectrograms of an audio folder");
  train
      ->add_option("--audio", args->audio,
                   "folder with one sub-folder of audio files per genre (the labels)")
      ->required();
  train->add_option("-o,--output", args->output, "model file to write (e.g. cnn.cdz)")->required();
  train
      ->add_option("--segment", args->segment,
                   "window seconds: 3 (66,149 samples, the GTZAN windows) or 30 (whole clips)")
      ->capture_default_str();
  train->add_option("--min-songs", args->min_songs, "leave out genres with fewer songs")
      ->capture_default_str();
  train
      ->add_option("--protocol", args->protocol,
                   "by-block (per genre the last third of the songs in name order test: "
                   "neighbouring clips, often one artist, stay together) | by-block:N (clips "
                   "numbered N and above test) | by-song (80/20 of the songs, stratified) | "
                   "split:<file of test songs>")
      ->capture_default_str();
  train
      ->add_option("--validation", args->validation,
                   "fraction of the training songs held out for early stopping (by-block: the "
                   "first of each genre's, a block; 0: none)")
      ->capture_default_str();
  train
      ->add_option("--patience", args->train.patience,
                   "epochs without a lower validation loss before stopping (0: never)")
      ->capture_default_str();
  train
      ->add_option("--augment", args->augment,
                   "the paper's 3 augmented copies per training window (frequency mask, time "
                   "mask, noise): once (made once, seeded: the paper's 4 images), fresh (drawn "
                   "anew every epoch) or off")
      ->check(CLI::IsMember({"once", "fresh", "off"}))
      ->capture_default_str();
  train->add_flag("--no-augment", args->no_augment, "same as --augment off");
  train
      ->add_option("--shift-bands", args->train.shift_bands,
                   "shift every training image by up to this many mel bands, drawn every epoch "
                   "(an approximate pitch shift; 0: off)")
      ->capture_default_str();
  train
      ->add_option("--shift-time", args->shift_time,
                   "on: roll every training image circularly in time by a random offset, drawn "
                   "every epoch")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  train
      ->add_option("--mixup", args->train.mixup,
                   "mixup: blend the images (and labels) of a batch, Beta(alpha, alpha) (0: off)")
      ->capture_default_str();
  train
      ->add_option("--weight-decay", args->train.weight_decay,
                   "AdamW's decoupled weight decay (0: plain Adam)")
      ->capture_default_str();
  train->add_option("--dropout", args->dropout, "dropout before the last layer")
      ->capture_default_str();
  train->add_option("--channels", args->channels, "channels of the convolution blocks")
      ->capture_default_str();
  train
      ->add_option("--pool", args->pool,
                   "time: mean over time, bands kept; global: mean over bands and time")
      ->check(CLI::IsMember({"time", "global"}))
      ->capture_default_str();
  train->add_option("--epochs", args->train.epochs, "most epochs")->capture_default_str();
  train->add_option("--batch", args->train.batch, "batch size")->capture_default_str();
  train->add_option("--lr", args->train.learning_rate, "Adam learning rate")->capture_default_str();
  train->add_option("--seed", args->train.seed, "split, initialisation, shuffling, augmentation")
      ->capture_default_str();
  train->add_option("--threads", args->train.threads, "torch threads (0: all cores)")
      ->capture_default_str();
  train->add_option("--device", args->train.device, "cpu, cuda or cuda:N")->capture_default_str();
  train->add_option("--confusion-png", args->confusion_png,
                    "write the test windows' confusion matrix as a PNG");
  train->add_flag("--json", args->json, "print the evaluation as JSON");
  train->callback([args] { run_train_cnn(*args); });
}

#endif

}  // namespace cadenza::app
