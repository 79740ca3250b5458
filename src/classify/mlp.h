#pragma once
// The paper's MLP on GTZAN features: Dense 1024-512-256-128-64, each followed by BatchNorm,
// ReLU and dropout 0.25, then a linear layer to the classes; Adam, cross-entropy. Built on
// libtorch (mlp.cpp); torch stays out of this header.
#include <memory>

#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

// True when this build has libtorch (CADENZA_WITH_TORCH=ON).
bool mlp_available();

// Throws std::invalid_argument naming the missing build option when libtorch is absent.
std::unique_ptr<Model> make_mlp(const ModelOptions& options);

}  // namespace cadenza::classify
