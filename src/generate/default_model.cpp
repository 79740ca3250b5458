// Where the shipped model is found (compose.h).
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "common/shipped_models.h"
#include "generate/compose.h"

namespace cadenza::generate {

fs::path default_model_path() {
  if (const char* env = std::getenv("CADENZA_MODEL"); env && *env) {
    fs::path model(env);
    if (!fs::is_regular_file(model))
      throw std::runtime_error("CADENZA_MODEL=" + model.string() + ": no such model file");
    return model;
  }
  return shipped_model_or_throw("jazz.cdz", "model", "give a model file or set CADENZA_MODEL");
}

}  // namespace cadenza::generate
