// A score lasting days (a MIDI note of 0x0FFFFFFF ticks, issue 18 cause 4) is refused before
// anything is allocated, with the duration limit's message instead of std::bad_alloc.
#include <gtest/gtest.h>

#include "audio/synth.h"
#include "common/limits.h"

namespace cadenza::audio {
namespace {

score::Score note_lasting(double seconds) {
  score::Score s;
  score::Note n;
  n.pitch = 60;
  n.velocity = 100;
  n.start_seconds = 0.5;
  n.duration_seconds = seconds;
  s.notes.push_back(n);
  return s;
}

TEST(HostileRender, ScoreLongerThanTheLimitIsRefused) {
  // 0x0FFFFFFF ticks at 480 ticks per quarter and 120 bpm: 279,620 s, three days.
  const double days = 0x0FFFFFFF / 480.0 * 0.5;
  SynthOptions options;
  options.soundfont = "/nonexistent.sf2";  // the duration is checked before the soundfont
  try {
    render_score(note_lasting(days), options);
    FAIL() << "no error";
  } catch (const AudioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "the score lasts 279621 s, more than the 1200 s cadenza renders (a note or event "
              "far after the others?)");
  }
  // Just under the limit the soundfont is what fails: the limit let it through.
  try {
    render_score(note_lasting(limits::kMaxAudioSeconds - 1), options);
    FAIL() << "no error";
  } catch (const AudioError& e) {
    EXPECT_NE(std::string(e.what()).find("soundfont not found"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cadenza::audio
