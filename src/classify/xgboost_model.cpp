#include "classify/xgboost_model.h"

#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

#include "classify/xgboost_library.h"
#include "common/progress.h"
#include "common/threads.h"

namespace cadenza::classify {
namespace {

void check(int status, const char* call) {
  if (status != 0)
    throw std::runtime_error(std::string("xgboost: ") + call + ": " + xgboost().GetLastError());
}

struct DMatrix {
  DMatrixHandle handle = nullptr;
  explicit DMatrix(const Matrix& x) {
    using RowMajorFloat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const RowMajorFloat values = x.cast<float>();
    check(xgboost().DMatrixCreateFromMat(values.data(), static_cast<bst_ulong>(x.rows()),
                                         static_cast<bst_ulong>(x.cols()), std::nanf(""), &handle),
          "XGDMatrixCreateFromMat");
  }
  ~DMatrix() { xgboost().DMatrixFree(handle); }
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
};

}  // namespace

XgboostModel::XgboostModel(const ModelOptions& options) : options_(options) {}

XgboostModel::~XgboostModel() { reset_booster(); }

void XgboostModel::reset_booster() {
  if (booster_) xgboost().BoosterFree(static_cast<BoosterHandle>(booster_));
  booster_ = nullptr;
}

void XgboostModel::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  DMatrix train(x);
  const std::vector<float> labels(y.begin(), y.end());
  check(xgboost().DMatrixSetFloatInfo(train.handle, "label", labels.data(),
                                      static_cast<bst_ulong>(labels.size())),
        "XGDMatrixSetFloatInfo");
  reset_booster();
  BoosterHandle booster = nullptr;
  check(xgboost().BoosterCreate(&train.handle, 1, &booster), "XGBoosterCreate");
  booster_ = booster;
  const unsigned threads = clamp_threads(options_.threads);
  const std::vector<std::pair<std::string, std::string>> params{
      {"objective", "multi:softprob"},
      {"num_class", std::to_string(n_classes)},
      {"max_depth", std::to_string(options_.xgb_depth)},
      {"eta", std::to_string(options_.xgb_learning_rate)},
      {"seed", std::to_string(options_.seed)},
      {"nthread", std::to_string(threads)},
      {"verbosity", "0"}};
  for (const auto& [key, value] : params)
    check(xgboost().BoosterSetParam(booster, key.c_str(), value.c_str()), "XGBoosterSetParam");
  Progress progress("xgboost", static_cast<std::size_t>(options_.xgb_rounds), "rounds");
  for (int round = 0; round < options_.xgb_rounds; ++round) {
    check(xgboost().BoosterUpdateOneIter(booster, round, train.handle), "XGBoosterUpdateOneIter");
    progress.advance();
  }
  progress.finish();
  bst_ulong size = 0;
  const char* bytes = nullptr;
  check(xgboost().BoosterSaveModelToBuffer(booster, R"({"format": "ubj"})", &size, &bytes),
        "XGBoosterSaveModelToBuffer");
  model_bytes_.assign(bytes, size);
}

Matrix XgboostModel::predict_proba(const Matrix& x) const {
  if (!booster_) throw std::logic_error("xgboost: not fitted");
  DMatrix data(x);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  check(
      xgboost().BoosterPredictFromDMatrix(
          static_cast<BoosterHandle>(booster_), data.handle,
          R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})",
          &shape, &dims, &result),
      "XGBoosterPredictFromDMatrix");
  Matrix proba(x.rows(), n_classes_);
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (int c = 0; c < n_classes_; ++c) proba(r, c) = result[r * n_classes_ + c];
  return proba;
}

void XgboostModel::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  out.str(model_bytes_);
}

void XgboostModel::load(ArchiveReader& in) {
  load_class_count(in, "xgboost class count");
  model_bytes_ = in.str("xgboost booster");
  reset_booster();
  BoosterHandle booster = nullptr;
  check(xgboost().BoosterCreate(nullptr, 0, &booster), "XGBoosterCreate");
  booster_ = booster;
  if (xgboost().BoosterLoadModelFromBuffer(booster, model_bytes_.data(),
                                           static_cast<bst_ulong>(model_bytes_.size())) != 0)
    in.fail(std::string("xgboost could not read its booster: ") + xgboost().GetLastError());
}

}  // namespace cadenza::classify
