#include "classify/xgboost_library.h"

#include "common/shared_library.h"

namespace cadenza::classify {
namespace {

XGBoostLibrary open_library() {
  static const SharedLibrary library("libxgboost.so.0", "libxgboost0");
  XGBoostLibrary x{};
  library.bind("XGBGetLastError", x.GetLastError);
  library.bind("XGDMatrixCreateFromMat", x.DMatrixCreateFromMat);
  library.bind("XGDMatrixFree", x.DMatrixFree);
  library.bind("XGDMatrixSetFloatInfo", x.DMatrixSetFloatInfo);
  library.bind("XGBoosterCreate", x.BoosterCreate);
  library.bind("XGBoosterFree", x.BoosterFree);
  library.bind("XGBoosterSetParam", x.BoosterSetParam);
  library.bind("XGBoosterUpdateOneIter", x.BoosterUpdateOneIter);
  library.bind("XGBoosterSaveModelToBuffer", x.BoosterSaveModelToBuffer);
  library.bind("XGBoosterLoadModelFromBuffer", x.BoosterLoadModelFromBuffer);
  library.bind("XGBoosterPredictFromDMatrix", x.BoosterPredictFromDMatrix);
  return x;
}

}  // namespace

const XGBoostLibrary& xgboost() {
  static const XGBoostLibrary library = open_library();
  return library;
}

}  // namespace cadenza::classify
