#pragma once
// libsvm, opened at the first SVM fit instead of linked: it is C++ and pulls the shared
// libstdc++ into every cadenza command, for the few that train an SVM. Declarations come from
// <libsvm/svm.h>.
#include <libsvm/svm.h>

namespace cadenza::classify {

struct SvmLibrary {
  decltype(&::svm_check_parameter) check_parameter;
  decltype(&::svm_set_print_string_function) set_print_string_function;
  decltype(&::svm_train) train;
  decltype(&::svm_free_and_destroy_model) free_and_destroy_model;
};

// Loads libsvm.so.3 once (thread-safe). Throws std::runtime_error naming the library and the
// Debian package when it cannot be opened or lacks a function.
const SvmLibrary& libsvm();

}  // namespace cadenza::classify
