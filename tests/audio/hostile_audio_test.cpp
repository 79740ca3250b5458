// An audio file whose header declares a tiny sample rate (issue 18 cause 3: 40 KB of samples
// at 1 Hz made `features` grow past 12 GB while resampling) is refused from its header.
#include <gtest/gtest.h>
#include <sndfile.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "audio/load.h"

namespace cadenza::audio {
namespace {
namespace fs = std::filesystem;

fs::path write_wav(const std::string& name, int rate, std::size_t frames) {
  const fs::path path =
      fs::temp_directory_path() / ("cadenza_hostile_" + std::to_string(getpid()) + name);
  SF_INFO info{};
  info.channels = 1;
  info.samplerate = rate;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  EXPECT_NE(file, nullptr) << sf_strerror(nullptr);
  const std::vector<short> samples(frames, 1000);
  sf_writef_short(file, samples.data(), static_cast<sf_count_t>(frames));
  sf_close(file);
  return path;
}

TEST(HostileAudio, OneHertzFileIsRefusedBeforeResampling) {
  const fs::path path = write_wav("r1.wav", 1, 20000);  // 40 KB of samples: 5.5 hours
  try {
    load_mono(path, 22050);
    FAIL() << "no error";
  } catch (const AudioError& e) {
    EXPECT_NE(std::string(e.what()).find("r1.wav': lasts 20000 s (20000 frames at 1 Hz), more "
                                         "than the 1200 s cadenza reads"),
              std::string::npos)
        << e.what();
  }
  fs::remove(path);
}

TEST(HostileAudio, ShortFileAtALowRateStillLoads) {
  const fs::path path = write_wav("r100.wav", 100, 1000);  // 10 s at 100 Hz
  const Audio audio = load_mono(path, 22050);
  EXPECT_EQ(audio.sample_rate, 22050);
  EXPECT_EQ(audio.samples.size(), 220500u);  // ceil(1000 * 220.5)
  fs::remove(path);
}

}  // namespace
}  // namespace cadenza::audio
