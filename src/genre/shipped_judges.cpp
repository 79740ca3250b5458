#include "genre/shipped_judges.h"

#include <cstdio>
#include <stdexcept>

#include "common/shipped_models.h"

namespace cadenza::genre {
namespace {

ShippedJudge find_shipped(const std::string& name) {
  const ShippedModel model = find_shipped_model(name);
  return {model.name, model.path, model.looked};
}

void add(OpenedJudges& judges, const std::string& name, const std::filesystem::path& path,
         const PieceOptions& options) {
  judges.owned.push_back(load_piece_judge(path, options));
  judges.named.push_back({name, judges.owned.back().get()});
}

}  // namespace

std::vector<ShippedJudge> shipped_judges() {
  return {find_shipped(kShippedTokenJudge), find_shipped(kShippedAudioJudge)};
}

OpenedJudges open_judges(const std::vector<std::string>& files, const PieceOptions& options,
                         MissingShippedJudge missing, const std::string& command) {
  OpenedJudges judges;
  for (const std::string& file : files)
    add(judges, std::filesystem::path(file).filename().string(), file, options);
  if (!files.empty()) return judges;
  for (const ShippedJudge& shipped : shipped_judges()) {
    if (!shipped.path.empty()) {
      add(judges, shipped.name, shipped.path, options);
      continue;
    }
    if (missing == MissingShippedJudge::kRefuse)
      throw std::runtime_error("the shipped judge " + shipped.name + " is missing (looked in " +
                               shipped.looked + "); give --judges");
    std::fprintf(stderr,
                 "%s: the shipped judge %s is missing (looked in %s); going on without it\n",
                 command.c_str(), shipped.name.c_str(), shipped.looked.c_str());
  }
  if (judges.named.empty())
    throw std::runtime_error("no genre judge: both shipped judges are missing; give --judges");
  return judges;
}

}  // namespace cadenza::genre
