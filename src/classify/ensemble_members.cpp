#include "classify/ensemble_members.h"

#include "classify/model_factory.h"

namespace cadenza::classify {

std::vector<std::unique_ptr<Model>> make_ensemble_members(const ModelOptions& options) {
  std::vector<std::unique_ptr<Model>> members;
  for (const char* kind : {"knn", "svm", "rf", "xgboost"})
    members.push_back(make_model(kind, options));
  return members;
}

void save_members(ArchiveWriter& out, const std::vector<std::unique_ptr<Model>>& members) {
  out.i64(static_cast<std::int64_t>(members.size()));
  for (const auto& member : members) {
    out.str(member->kind());
    member->save(out);
  }
}

std::vector<std::unique_ptr<Model>> load_members(ArchiveReader& in, const ModelOptions& options) {
  const std::int64_t count = in.i64("ensemble member count");
  if (count < 1 || count > 64) in.fail("implausible ensemble member count");
  std::vector<std::unique_ptr<Model>> members;
  for (std::int64_t i = 0; i < count; ++i) {
    const std::string kind = in.str("ensemble member kind");
    if (kind == "voting" || kind == "stacking") in.fail("nested ensembles are not supported");
    std::unique_ptr<Model> member;
    try {
      member = make_model(kind, options);
    } catch (const std::exception& e) {
      in.fail(e.what());
    }
    member->load(in);
    members.push_back(std::move(member));
  }
  return members;
}

}  // namespace cadenza::classify
