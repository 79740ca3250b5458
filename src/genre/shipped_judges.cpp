#include "genre/shipped_judges.h"

#include "common/shipped_models.h"

namespace cadenza::genre {
namespace {

ShippedJudge find_shipped(const std::string& name) {
  const ShippedModel model = find_shipped_model(name);
  return {model.name, model.path, model.looked};
}

}  // namespace

std::vector<ShippedJudge> shipped_judges() {
  return {find_shipped(kShippedTokenJudge), find_shipped(kShippedAudioJudge)};
}

}  // namespace cadenza::genre
