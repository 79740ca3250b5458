#include "common/shipped_models.h"

#include <stdexcept>
#include <system_error>

namespace cadenza {

namespace fs = std::filesystem;

ShippedModel find_shipped_model(const std::string& name) {
  ShippedModel model;
  model.name = name;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) {
    model.looked = "nothing: /proc/self/exe unreadable";
    return model;
  }
  const fs::path bin = exe.parent_path();
  for (const fs::path& candidate :
       {bin / "../../models" / name, bin / "../share/cadenza/models" / name}) {
    if (fs::is_regular_file(candidate, error)) {
      model.path = candidate.lexically_normal();
      return model;
    }
    model.looked += (model.looked.empty() ? "" : ", ") + candidate.lexically_normal().string();
  }
  return model;
}

fs::path shipped_model_or_throw(const std::string& name, const std::string& what,
                                const std::string& hint) {
  const ShippedModel model = find_shipped_model(name);
  if (model.found()) return model.path;
  throw std::runtime_error("no " + what + " given and the shipped model is missing (" + name +
                           "; looked in " + model.looked + "); " + hint);
}

}  // namespace cadenza
