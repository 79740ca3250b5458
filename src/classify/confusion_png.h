#pragma once
// The confusion matrix as a PNG: rows true classes, columns predicted, each cell shaded by its
// share of the row (recall) and labelled with its count.
#include <filesystem>

#include "classify/metrics.h"

namespace cadenza::classify {

// Written atomically; throws std::runtime_error naming the path on failure.
void write_confusion_png(const Evaluation& evaluation, const std::filesystem::path& path,
                         const std::string& title);

}  // namespace cadenza::classify
