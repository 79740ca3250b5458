#include "classify/svm_library.h"

#include "common/shared_library.h"

namespace cadenza::classify {
namespace {

SvmLibrary open_library() {
  static const SharedLibrary library("libsvm.so.3", "libsvm3");
  SvmLibrary f{};
  library.bind("svm_check_parameter", f.check_parameter);
  library.bind("svm_set_print_string_function", f.set_print_string_function);
  library.bind("svm_train", f.train);
  library.bind("svm_free_and_destroy_model", f.free_and_destroy_model);
  return f;
}

}  // namespace

const SvmLibrary& libsvm() {
  static const SvmLibrary library = open_library();
  return library;
}

}  // namespace cadenza::classify
