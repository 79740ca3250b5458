#pragma once
// The one reading of a `--device` option (train, generate, genre-check, classify train-cnn).
#include <c10/core/Device.h>

#include <string>

namespace cadenza::model {

// "cpu", "cuda" or "cuda:N". Throws cadenza::UsageError for any other name, and for CUDA when
// this libtorch has no CUDA or the machine no GPU.
c10::Device parse_device(const std::string& name);

}  // namespace cadenza::model
