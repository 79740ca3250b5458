// The shipped rendered-domain genre judge (models/genre_audio.cdz, scripts/train-genre-audio-judge,
// docs/genre.md): it loads, knows folk, jazz and pop, and hears held-out real pieces
// (docs/data/genre_heldout.txt: never trained on) of each genre as that genre, through the path
// genre-check uses (rendered, the first 30 s, windows, mean).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "audio/synth.h"
#include "common/error.h"
#include "genre/audio_prediction.h"
#include "genre/default_judge.h"
#include "genre/window_classifier.h"
#include "support/shared_data.h"

namespace cadenza::genre {
namespace {

const fs::path kJudge = fs::path(CADENZA_SOURCE_DIR) / "models" / kShippedAudioJudge;

// The judge is an MLP: a build without libtorch cannot run it (and says so).
#define LOAD_JUDGE_OR_SKIP(judge)           \
  std::unique_ptr<WindowClassifier> judge;  \
  try {                                     \
    judge = load_window_classifier(kJudge); \
  } catch (const NeedsTorch& e) {           \
    GTEST_SKIP() << e.what();               \
  }

TEST(ShippedAudioJudge, LoadsAndKnowsFolkJazzAndPop) {
  LOAD_JUDGE_OR_SKIP(judge);
  std::vector<std::string> labels = judge->labels();
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"folk", "jazz", "pop"}));
  EXPECT_EQ(judge->segment_seconds(), 30);
}

TEST(ShippedAudioJudge, HearsHeldOutRealPiecesAsTheirGenre) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  const std::vector<std::pair<std::string, std::string>> pieces = {
      // held out (docs/data/genre_heldout.txt); p(genre) > 0.999 when the judge was made
      {"jazz", "wjazzd_solos/CliffordBrown_Daahoud_FINAL.mid"},  // a solo line on GM piano
      {"jazz", "midkar_jazz/how_high_the_moon_mw.mid"},          // a GM band arrangement
      {"folk", "nottingham_folk/jigs103.mid"},
      {"pop", "pop909/236.mid"}};
  for (const auto& [genre, file] : pieces) CADENZA_REQUIRE_SHARED_DATA("midi/" + file);
  LOAD_JUDGE_OR_SKIP(judge);
  PieceOptions options;
  options.seconds = 30;  // genre-check's default
  for (const auto& [genre, file] : pieces) {
    const PiecePrediction p =
        predict_piece(*judge, cadenza::testing::shared_data_dir() / "midi" / file, options);
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(judge->labels()[static_cast<std::size_t>(p.top())], genre) << file;
    EXPECT_GT(p.mean(p.top()), 0.5) << file;
  }
}

TEST(ShippedAudioJudge, TheEnvironmentNamesAnotherJudgeOrFailsClearly) {
  const char* before = std::getenv("CADENZA_AUDIO_JUDGE");
  const std::string saved = before ? before : "";
  setenv("CADENZA_AUDIO_JUDGE", kJudge.c_str(), 1);
  EXPECT_EQ(default_audio_judge_path(), kJudge);
  setenv("CADENZA_AUDIO_JUDGE", "/nonexistent/judge.cdz", 1);
  try {
    default_audio_judge_path();
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "CADENZA_AUDIO_JUDGE=/nonexistent/judge.cdz: no such genre classifier file");
  }
  if (before)
    setenv("CADENZA_AUDIO_JUDGE", saved.c_str(), 1);
  else
    unsetenv("CADENZA_AUDIO_JUDGE");
}

}  // namespace
}  // namespace cadenza::genre
