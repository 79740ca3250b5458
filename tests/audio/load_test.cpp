#include "audio/load.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "support/shared_data.h"

namespace fs = std::filesystem;
using cadenza::audio::AudioError;
using cadenza::audio::load_mono;

namespace {
fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("cadenza_audio_" + name);
}

void write_pcm16(const fs::path& path, const std::vector<short>& interleaved, int channels,
                 int rate) {
  SF_INFO info{};
  info.channels = channels;
  info.samplerate = rate;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr);
  sf_writef_short(file, interleaved.data(), interleaved.size() / channels);
  sf_close(file);
}
}  // namespace

TEST(LoadMono, Pcm16DividesBy32768) {
  const fs::path path = temp("mono.wav");
  write_pcm16(path, {0, 16384, -32768, 32767, -1}, 1, 22050);
  const auto audio = load_mono(path);
  EXPECT_EQ(audio.sample_rate, 22050);
  ASSERT_EQ(audio.samples.size(), 5u);
  EXPECT_EQ(audio.samples[1], 0.5f);
  EXPECT_EQ(audio.samples[2], -1.0f);
  EXPECT_EQ(audio.samples[3], 32767.0f / 32768.0f);
  EXPECT_EQ(audio.samples[4], -1.0f / 32768.0f);
}

TEST(LoadMono, StereoIsTheMeanOfChannels) {
  const fs::path path = temp("stereo.wav");
  write_pcm16(path, {16384, 0, -16384, -16384}, 2, 22050);
  const auto audio = load_mono(path);
  ASSERT_EQ(audio.samples.size(), 2u);
  EXPECT_EQ(audio.samples[0], 0.25f);
  EXPECT_EQ(audio.samples[1], -0.5f);
}

TEST(LoadMono, ResamplesToTheTargetRate) {
  const fs::path path = temp("44k.wav");
  std::vector<short> tone(44100);
  for (size_t i = 0; i < tone.size(); ++i)
    tone[i] = static_cast<short>(10000 * std::sin(2 * M_PI * 441.0 * i / 44100));
  write_pcm16(path, tone, 1, 44100);
  const auto audio = load_mono(path, 22050);
  EXPECT_EQ(audio.sample_rate, 22050);
  EXPECT_EQ(audio.samples.size(), 22050u);
  // the 441 Hz tone survives with its amplitude and phase (no resampler delay): 50 samples a
  // period at 22,050 Hz, so sample 1000 + 25 k is a zero crossing
  float peak = 0.0f;
  for (int i = 1000; i < 1050; ++i) peak = std::max(peak, std::abs(audio.samples[i]));
  EXPECT_NEAR(peak, 10000.0f / 32768, 0.01f);
  EXPECT_NEAR(audio.samples[1025], 0.0f, 0.01f);
}

TEST(LoadMono, BadFilesGiveClearErrors) {
  const fs::path empty = temp("empty.wav");
  std::ofstream(empty).close();
  const fs::path text = temp("text.wav");
  std::ofstream(text) << "this is not audio";
  for (const fs::path& path : {empty, text, temp("missing.flac"), fs::temp_directory_path()}) {
    try {
      load_mono(path);
      ADD_FAILURE() << "no error for " << path;
    } catch (const AudioError& e) {
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
  }
}

TEST(LoadMono, CorruptGtzanFileIsRejected) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00054.wav");
  const fs::path path = cadenza::testing::shared_data_dir() / "gtzan/audio/jazz/jazz.00054.wav";
  EXPECT_THROW(load_mono(path), AudioError);
}

TEST(LoadMono, SharedFlacDecodes) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/classical/classical.00000.flac");
  const auto audio =
      load_mono(cadenza::testing::shared_data_dir() / "gtzan/audio/classical/classical.00000.flac");
  EXPECT_EQ(audio.samples.size(), 661794u);
  EXPECT_EQ(audio.sample_rate, 22050);
}
