// Where the shipped model is found (compose.h).
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "generate/compose.h"

namespace cadenza::generate {
namespace {

fs::path running_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe;
}

}  // namespace

fs::path default_model_path() {
  if (const char* env = std::getenv("CADENZA_MODEL"); env && *env) {
    fs::path model(env);
    if (!fs::is_regular_file(model))
      throw std::runtime_error("CADENZA_MODEL=" + model.string() + ": no such model file");
    return model;
  }
  std::vector<fs::path> candidates;
  const fs::path exe = running_executable();
  if (!exe.empty()) {
    const fs::path bin = exe.parent_path();
    candidates.push_back(bin / "../../models/jazz.cdz");             // build/app/ in the tree
    candidates.push_back(bin / "../share/cadenza/models/jazz.cdz");  // an installation
  }
  std::string looked;
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal();
    looked += (looked.empty() ? "" : ", ") + candidate.lexically_normal().string();
  }
  throw std::runtime_error(
      "no model given and the shipped model is missing (looked in " +
      (looked.empty() ? std::string("nothing: /proc/self/exe unreadable") : looked) +
      "); give a model file or set CADENZA_MODEL");
}

}  // namespace cadenza::generate
