#pragma once
// A trained genre classifier as it is saved: MinMax scaler, PCA, the model, label names,
// feature columns and the segment length its features describe (30 s clips or 3 s windows).
// Model file layout (little-endian, see archive.h): magic "CDZGENRE", u32 format version,
// u64 payload size, u64 FNV-1a checksum of the payload (common/checksum.h), then the payload:
// model kind, segment seconds, labels, feature columns, scaler, PCA, the model's parameters.
// Loading checks the size and checksum first (truncation, flipped bits), then every size,
// index and number of the payload (a crafted file), then runs the model on one row.
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
inline constexpr std::uint32_t kClassifierFormatVersion = 2;  // 2: size and checksum

struct Classifier {
  std::vector<std::string> labels;
  std::vector<std::string> columns;
  int segment_seconds = 0;  // 30 or 3; 0 for a model on token columns (feature_table.h)
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
  // The same from the file's bytes; `name` is used in messages (the fuzz target calls this).
  static Classifier load_bytes(const std::string& bytes, const std::string& name,
                               const std::string& expected_kind = "",
                               const ModelOptions& options = {});
};

}  // namespace cadenza::classify
