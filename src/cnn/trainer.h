#pragma once
// Training the CNN on log-mel images: per-band standardisation from the training images, the
// paper's three augmented copies per image (made once, or drawn afresh every epoch), Adam,
// seeded shuffling, early stopping on validation images (the best epoch's weights are kept).
// Torch stays inside trainer.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "cnn/cnn_model.h"
#include "cnn/images.h"

namespace cadenza::cnn {

enum class AugmentMode { off, once, fresh };

struct TrainOptions {
  int epochs = 30;
  int batch = 32;
  double learning_rate = 1e-3;
  std::uint64_t seed = 42;
  int threads = 0;  // torch and OpenBLAS threads; 0 leaves the libraries' defaults
  std::string device = "cpu";
  int patience = 6;  // epochs without a lower validation loss before stopping (0: never stop)
  AugmentMode augment = AugmentMode::off;  // what helped on GTZAN (docs/classify.md)
  Augmenter augmenter;                     // required unless augment is off
  // Drawn afresh every epoch for every training image (and copy): a band shift in
  // [-shift_bands, shift_bands] and, with shift_time, a circular roll by 0..frames-1 frames.
  int shift_bands = 0;
  bool shift_time = false;
  double mixup = 0;         // mixup's Beta(alpha, alpha) (0: off): batches mixed with themselves
  double weight_decay = 0;  // AdamW's decoupled weight decay (0: plain Adam)
  bool verbose = true;      // a progress bar per epoch and one line per epoch, on stderr
};

struct EpochRecord {
  int epoch = 0;
  double train_loss = 0, train_accuracy = 0;
  double validation_loss = -1, validation_accuracy = -1;  // -1: no validation images
  double seconds = 0;                                     // the whole epoch
};

struct TrainSummary {
  std::vector<EpochRecord> history;
  int best_epoch = 0;  // whose weights the model holds
  bool stopped_early = false;
  std::size_t training_images = 0;  // per epoch, augmented copies included
  double seconds = 0;
};

// `spec` gives labels, window and network shape; its mean and stddev are computed here from
// `train` (before augmentation). `validation` may be empty (then every epoch runs and the last
// one's weights are kept). Throws std::invalid_argument for unusable input.
CnnModel train_cnn(ModelSpec spec, const ImageSet& train, const ImageSet& validation,
                   const TrainOptions& options, TrainSummary* report = nullptr);

// Throws std::invalid_argument for a device name torch does not know or CUDA that is missing.
void check_device(const std::string& device);

// torch's intra-op threads and OpenBLAS's (libtorch does not size OpenBLAS's pool).
void set_threads(int threads);

}  // namespace cadenza::cnn
