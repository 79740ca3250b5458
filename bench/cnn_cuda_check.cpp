// The CNN's torch side (network, trainer, model file) on a CUDA device, built against any
// libtorch (scripts/cnn-cuda-check builds it with a pip torch's headers; no audio libraries
// needed). Synthetic images: class 0 has a bright band low in the spectrum, class 1 high.
// Checks: it learns them perfectly on CUDA; a model saved from CUDA loads on CUDA with identical
// probabilities and on the CPU with the same ones to float rounding; then times epochs of
// GTZAN-sized training sets (the 3 s by-song split: 650 windows, x4 with augmentation).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "cnn/cnn_model.h"
#include "cnn/trainer.h"

using namespace cadenza::cnn;

namespace {

ImageSet synthetic(int count, int frames, std::uint64_t seed) {
  ImageSet set;
  set.bands = 128;
  set.frames = frames;
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 3.0f);
  std::vector<float> image(set.image_size());
  for (int i = 0; i < count; ++i) {
    const int label = i % 2;
    const int centre =
        label == 0 ? 20 + static_cast<int>(rng() % 20) : 80 + static_cast<int>(rng() % 30);
    for (int b = 0; b < 128; ++b)
      for (int t = 0; t < frames; ++t)
        image[static_cast<std::size_t>(b * frames + t)] =
            (std::abs(b - centre) < 4 ? -5.0f : -60.0f) + noise(rng);
    set.add(image.data(), label, i);
  }
  return set;
}

// Shift-free stand-in for the paper's augmentations (those live in the features module).
void noise_augmenter(const float* in, float* out, int bands, int frames, int kind,
                     std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.3f * 20.0f);
  const std::size_t n = static_cast<std::size_t>(bands) * frames;
  for (std::size_t i = 0; i < n; ++i) out[i] = in[i] + (kind == 2 ? noise(rng) : 0.0f);
}

double accuracy(const Probabilities& p, const ImageSet& set) {
  double correct = 0;
  for (std::size_t i = 0; i < p.rows; ++i)
    correct += static_cast<int>(p.argmax(i)) == set.labels[i] ? 1 : 0;
  return correct / static_cast<double>(p.rows);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string device = argc > 1 ? argv[1] : "cuda";
  const std::string out_dir = argc > 2 ? argv[2] : "/tmp";
  int failures = 0;
  auto check = [&](bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
  };
  ModelSpec spec;
  spec.labels = {"high", "low"};
  TrainOptions options;
  options.device = device;
  options.epochs = 5;
  options.batch = 32;
  options.seed = 3;
  options.verbose = false;
  options.augmenter = noise_augmenter;
  const ImageSet train = synthetic(200, 130, 1), validation = synthetic(40, 130, 2),
                 test = synthetic(100, 130, 3);
  TrainSummary report;
  const CnnModel model = train_cnn(spec, train, validation, options, &report);
  check(model.device() == device || (device == "cuda" && model.device() == "cuda:0"),
        "model on " + model.device());
  const Probabilities p = model.probabilities(test);
  check(accuracy(p, test) == 1.0, "synthetic test accuracy " + std::to_string(accuracy(p, test)));
  const std::string path = out_dir + "/cnn_cuda_check.cdz";
  model.save(path);
  const CnnModel same = CnnModel::load(path, device);
  check(same.probabilities(test).values == p.values,
        "saved and loaded on " + device + ": identical");
  const CnnModel cpu = CnnModel::load(path, "cpu");
  const Probabilities q = cpu.probabilities(test);
  double worst = 0;
  for (std::size_t i = 0; i < q.values.size(); ++i)
    worst = std::max(worst, std::abs(q.values[i] - p.values[i]));
  check(worst < 1e-4, "loaded on cpu: largest difference " + std::to_string(worst));
  check(is_cnn_model_file(path), "is_cnn_model_file");

  // Timing on GTZAN-sized sets (no validation, fixed epochs); a third argument skips it.
  for (bool augment : {false, true}) {
    if (argc > 3) break;
    TrainOptions timing = options;
    timing.epochs = 4;
    timing.augment = augment ? AugmentMode::once : AugmentMode::off;
    const ImageSet gtzan = synthetic(650, 130, 4);
    TrainSummary r;
    train_cnn(spec, gtzan, ImageSet{}, timing, &r);
    std::printf("%s, 650 windows%s: epoch seconds", device.c_str(),
                augment ? " x 4 (augmented once)" : "");
    for (const auto& e : r.history) std::printf(" %.2f", e.seconds);
    std::printf(" (%zu images per epoch, %.1f s in all incl. set-up)\n", r.training_images,
                r.seconds);
  }
  std::printf("%s\n", failures ? "FAILED" : "all checks passed");
  return failures ? 1 : 0;
}
