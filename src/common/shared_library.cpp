#include "common/shared_library.h"

#include <dlfcn.h>

#include <stdexcept>

namespace cadenza {

SharedLibrary::SharedLibrary(const char* file, const char* package)
    : file_(file), package_(package) {
  handle_ = ::dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = ::dlerror();
    throw std::runtime_error("cannot load " + file_ + " (" + (why ? why : "dlopen failed") +
                             "): install " + package_ + " (scripts/setup does)");
  }
}

void* SharedLibrary::address(const char* symbol) const {
  void* address = ::dlsym(handle_, symbol);
  if (!address)
    throw std::runtime_error(file_ + " has no " + symbol + " (a newer " + package_ + " is needed)");
  return address;
}

}  // namespace cadenza
