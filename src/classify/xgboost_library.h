#pragma once
// XGBoost's C API, opened at the first XGBoost model instead of linked: libxgboost's static
// registries cost every cadenza command ~7 ms before main() (bench/startup.sh).
#include <xgboost/c_api.h>

namespace cadenza::classify {

struct XGBoostLibrary {
  decltype(&::XGBGetLastError) GetLastError;
  decltype(&::XGDMatrixCreateFromMat) DMatrixCreateFromMat;
  decltype(&::XGDMatrixFree) DMatrixFree;
  decltype(&::XGDMatrixSetFloatInfo) DMatrixSetFloatInfo;
  decltype(&::XGBoosterCreate) BoosterCreate;
  decltype(&::XGBoosterFree) BoosterFree;
  decltype(&::XGBoosterSetParam) BoosterSetParam;
  decltype(&::XGBoosterUpdateOneIter) BoosterUpdateOneIter;
  decltype(&::XGBoosterSaveModelToBuffer) BoosterSaveModelToBuffer;
  decltype(&::XGBoosterLoadModelFromBuffer) BoosterLoadModelFromBuffer;
  decltype(&::XGBoosterPredictFromDMatrix) BoosterPredictFromDMatrix;
};

// Loads libxgboost.so.0 once (thread-safe); throws std::runtime_error naming the package.
const XGBoostLibrary& xgboost();

}  // namespace cadenza::classify
