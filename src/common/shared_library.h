#pragma once
// A system library opened at first use (dlopen) instead of linked. For libraries that are heavy
// to load and that few commands need (FluidSynth pulls ~45 libraries; XGBoost's static
// registries cost ~7 ms): every cadenza command would pay for them before main().
#include <string>

namespace cadenza {

class SharedLibrary {
 public:
  // Opens `file` (e.g. "libxgboost.so.0"); throws std::runtime_error naming the Debian
  // `package` to install when it cannot. The library stays loaded for the life of the process.
  SharedLibrary(const char* file, const char* package);

  // Sets `function` to the library's `symbol`; throws std::runtime_error when it has none.
  template <typename Function>
  void bind(const char* symbol, Function& function) const {
    function = reinterpret_cast<Function>(address(symbol));
  }

 private:
  void* address(const char* symbol) const;
  void* handle_ = nullptr;
  std::string file_, package_;
};

}  // namespace cadenza
