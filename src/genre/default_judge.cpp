#include "genre/default_judge.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace cadenza::genre {

namespace fs = std::filesystem;

fs::path default_audio_judge_path() {
  if (const char* env = std::getenv("CADENZA_AUDIO_JUDGE"); env && *env) {
    fs::path judge(env);
    std::error_code ec;
    if (!fs::is_regular_file(judge, ec))
      throw std::runtime_error("CADENZA_AUDIO_JUDGE=" + judge.string() +
                               ": no such genre classifier file");
    return judge;
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path bin = exe.parent_path();
    candidates.push_back(bin / "../../models" / kShippedAudioJudge);             // build tree
    candidates.push_back(bin / "../share/cadenza/models" / kShippedAudioJudge);  // installed
  }
  std::string looked;
  for (const fs::path& candidate : candidates) {
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal();
    looked += (looked.empty() ? "" : ", ") + candidate.lexically_normal().string();
  }
  throw std::runtime_error(
      "no --classifier given and the shipped genre judge is missing (looked in " +
      (looked.empty() ? std::string("nothing: /proc/self/exe unreadable") : looked) +
      "); give --classifier FILE, set CADENZA_AUDIO_JUDGE, or make it with "
      "scripts/train-genre-audio-judge");
}

}  // namespace cadenza::genre
