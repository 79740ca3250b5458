#pragma once
// The CNN predictor (the CNN side of `classify predict` on audio): recognise and load a CNN
// model file, cut audio into the model's windows (cut_cnn_windows, cnn/dataset.h), and give
// per-window class probabilities. No torch in this header.
//
//   if (cnn::is_cnn_model_file(path)) {
//     const cnn::CnnModel model = cnn::load_cnn_model(path);
//     const auto windows = cnn::cut_cnn_windows(audio.samples, model.spec().window_samples);
//     classify::Matrix p = cnn::window_probabilities(model, windows);  // rows x classes
//     // model.labels(), model.segment_seconds()
//   }
#include <filesystem>
#include <string>
#include <vector>

#include "classify/types.h"
#include "cnn/cnn_model.h"  // CnnModel, is_cnn_model_file
#include "cnn/dataset.h"    // cut_cnn_windows

namespace cadenza::cnn {

// CnnModel::load with the device named ("cpu", "cuda", "cuda:N"). Throws std::runtime_error
// naming the file for a foreign, other-version or truncated file.
CnnModel load_cnn_model(const std::filesystem::path& path, const std::string& device = "cpu");

// Class probabilities (rows: windows, columns: model.labels(); each row sums to 1, softmax
// applied once) of mono 22,050 Hz sample windows. Windows of the model's length are what it was
// trained on; other lengths of at least 2,048 samples work too (the network averages over
// time), and are batched by length. Throws std::invalid_argument for a window too short.
classify::Matrix window_probabilities(const CnnModel& model,
                                      const std::vector<std::vector<float>>& windows);

}  // namespace cadenza::cnn
