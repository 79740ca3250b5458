#include "genre/default_judge.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

#include "common/shipped_models.h"

namespace cadenza::genre {

namespace fs = std::filesystem;

fs::path default_audio_judge_path() {
  if (const char* env = std::getenv("CADENZA_AUDIO_JUDGE"); env && *env) {
    const fs::path judge(env);
    std::error_code ec;
    if (!fs::is_regular_file(judge, ec))
      throw std::runtime_error("CADENZA_AUDIO_JUDGE=" + judge.string() +
                               ": no such genre classifier file");
    return judge;
  }
  return shipped_model_or_throw(kShippedAudioJudge, "--classifier",
                                "give --classifier FILE, set CADENZA_AUDIO_JUDGE, or make it "
                                "with scripts/train-genre-audio-judge");
}

}  // namespace cadenza::genre
