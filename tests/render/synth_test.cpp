// FluidSynth rendering: one A4 note comes out as energy at 440 Hz, lasting about as long as
// the note; a missing soundfont is one clear error.
#include "audio/synth.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "support/shared_data.h"

namespace cadenza::audio {
namespace {
namespace fs = std::filesystem;

score::Score one_note(int pitch, double start, double duration) {
  score::Score s;
  score::Note n;
  n.pitch = pitch;
  n.velocity = 100;
  n.start_seconds = start;
  n.duration_seconds = duration;
  n.start_quarters = start * 2;
  n.duration_quarters = duration * 2;
  s.notes.push_back(n);
  return s;
}

// Mean square of the left channel over [from, to) seconds.
double energy(const StereoAudio& a, double from, double to) {
  const auto i0 = static_cast<std::size_t>(from * a.sample_rate);
  const auto i1 = std::min(a.frames(), static_cast<std::size_t>(to * a.sample_rate));
  double sum = 0;
  for (std::size_t i = i0; i < i1; ++i) sum += a.samples[2 * i] * a.samples[2 * i];
  return sum / static_cast<double>(i1 - i0);
}

// Magnitude of the DFT of the left channel at `hz` over [from, to) seconds.
double magnitude_at(const StereoAudio& a, double hz, double from, double to) {
  double re = 0, im = 0;
  const auto i0 = static_cast<std::size_t>(from * a.sample_rate);
  const auto i1 = static_cast<std::size_t>(to * a.sample_rate);
  for (std::size_t i = i0; i < i1; ++i) {
    const double phase = 2 * M_PI * hz * static_cast<double>(i) / a.sample_rate;
    re += a.samples[2 * i] * std::cos(phase);
    im += a.samples[2 * i] * std::sin(phase);
  }
  return std::hypot(re, im) / static_cast<double>(i1 - i0);
}

TEST(Synth, OneNoteHasItsFundamentalAndItsDuration) {
  CADENZA_REQUIRE_FILE(kDefaultSoundfont);
  SynthOptions options;
  options.sample_rate = 22050;
  options.reverb = false;
  options.release_seconds = 1.5;
  const StereoAudio audio = render_score(one_note(69, 0.5, 1.0), options);
  EXPECT_EQ(audio.sample_rate, 22050);
  EXPECT_NEAR(static_cast<double>(audio.frames()) / audio.sample_rate, 3.0, 0.01);

  const double before = energy(audio, 0.0, 0.45);
  const double during = energy(audio, 0.6, 1.4);
  const double after = energy(audio, 2.2, 3.0);
  EXPECT_EQ(before, 0.0);
  EXPECT_GT(during, 1e-5);
  EXPECT_LT(after, during * 1e-3) << "the note should stop shortly after its end at 1.5 s";

  const double fundamental = magnitude_at(audio, 440, 0.6, 1.4);
  EXPECT_GT(fundamental, 10 * magnitude_at(audio, 311, 0.6, 1.4));
  EXPECT_GT(fundamental, 10 * magnitude_at(audio, 370, 0.6, 1.4));
}

TEST(Synth, WavFileRoundTrips) {
  CADENZA_REQUIRE_FILE(kDefaultSoundfont);
  SynthOptions options;
  options.sample_rate = 16000;
  options.release_seconds = 0.2;
  const StereoAudio audio = render_score(one_note(60, 0.0, 0.3), options);
  const fs::path path = fs::temp_directory_path() / "cadenza_synth_test.wav";
  write_wav(audio, path);
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(info.samplerate, 16000);
  EXPECT_EQ(info.channels, 2);
  EXPECT_EQ(info.frames, static_cast<sf_count_t>(audio.frames()));
  EXPECT_EQ(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  sf_close(f);
  fs::remove(path);
}

TEST(Synth, MissingSoundfontIsOneClearError) {
  SynthOptions options;
  options.soundfont = "/nonexistent/font.sf2";
  try {
    render_score(one_note(60, 0, 0.5), options);
    FAIL() << "expected AudioError";
  } catch (const AudioError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/font.sf2: soundfont not found"),
              std::string::npos)
        << e.what();
  }
}

TEST(Synth, FileThatIsNotASoundfontIsRejected) {
  const fs::path path = fs::temp_directory_path() / "cadenza_not_a_font.sf2";
  { std::ofstream(path) << "this is not a soundfont"; }
  SynthOptions options;
  options.soundfont = path;
  EXPECT_THROW(render_score(one_note(60, 0, 0.5), options), AudioError);
  fs::remove(path);
}

}  // namespace
}  // namespace cadenza::audio
