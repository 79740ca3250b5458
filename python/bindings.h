#pragma once
// The module's parts, one file each: score_bindings.cpp (read_midi, Score), tokens_bindings.cpp
// (tokenize, detokenize, vocabulary), features_bindings.cpp (features, melspectrogram),
// classify_bindings.cpp (load_classifier). module.cpp calls them in this order.
#include <pybind11/pybind11.h>

namespace cadenza::python {

void bind_score(pybind11::module_& m);
void bind_tokens(pybind11::module_& m);
void bind_features(pybind11::module_& m);
void bind_classify(pybind11::module_& m);

}  // namespace cadenza::python
