#include "genre/shipped_judges.h"

#include <system_error>

namespace cadenza::genre {
namespace {

namespace fs = std::filesystem;

ShippedJudge find_shipped(const std::string& name) {
  ShippedJudge judge;
  judge.name = name;
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) {
    judge.looked = "nothing: /proc/self/exe unreadable";
    return judge;
  }
  const fs::path bin = exe.parent_path();
  for (const fs::path& candidate :
       {bin / "../../models" / name, bin / "../share/cadenza/models" / name}) {
    if (fs::is_regular_file(candidate, error)) {
      judge.path = candidate.lexically_normal();
      return judge;
    }
    judge.looked += (judge.looked.empty() ? "" : ", ") + candidate.lexically_normal().string();
  }
  return judge;
}

}  // namespace

std::vector<ShippedJudge> shipped_judges() {
  return {find_shipped(kShippedTokenJudge), find_shipped(kShippedAudioJudge)};
}

}  // namespace cadenza::genre
