#pragma once
// A trained genre classifier as it is saved: MinMax scaler, PCA, the model, label names,
// feature columns and the segment length its features describe (30 s clips or 3 s windows).
// Model file layout (little-endian, see archive.h): magic "CDZGENRE", format version, model
// kind, segment seconds, labels, feature columns, scaler, PCA, then the model's own payload.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "classify/min_max_scaler.h"
#include "classify/model.h"
#include "classify/model_options.h"
#include "classify/pca.h"

namespace cadenza::classify {

inline constexpr char kClassifierMagic[] = "CDZGENRE";
inline constexpr std::uint32_t kClassifierFormatVersion = 1;

struct Classifier {
  std::vector<std::string> labels;
  std::vector<std::string> columns;
  int segment_seconds = 0;
  MinMaxScaler scaler;
  Pca pca;
  std::unique_ptr<Model> model;

  std::string kind() const { return model ? model->kind() : ""; }
  // Scaler then PCA, on rows whose columns are `columns`.
  Matrix preprocess(const Matrix& raw) const;
  Matrix predict_proba(const Matrix& raw) const;
  Labels predict(const Matrix& raw) const;

  // Written atomically: a failure leaves an existing file untouched.
  void save(const std::filesystem::path& path) const;
  // Throws std::runtime_error naming the file for another file type, another format version,
  // an unknown or unexpected model kind (expected_kind empty: any), or a damaged file.
  static Classifier load(const std::filesystem::path& path, const std::string& expected_kind = "",
                         const ModelOptions& options = {});
};

}  // namespace cadenza::classify
