// Bad input: every failure is one clear message naming the file; the batch goes on.
#include "features/extract.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <map>

#include "support/shared_data.h"

namespace fs = std::filesystem;
using namespace cadenza::features;

namespace {
fs::path make_folder() {
  const fs::path dir = fs::temp_directory_path() / "cadenza_extract_test" / "pop";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  return dir;
}

void write_wav(const fs::path& path, const std::vector<float>& samples) {
  SF_INFO info{};
  info.channels = 1;
  info.samplerate = 22050;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  ASSERT_NE(file, nullptr);
  sf_writef_float(file, samples.data(), samples.size());
  sf_close(file);
}
}  // namespace

TEST(ExtractFiles, BadFilesFailAloneAndGoodOnesSucceed) {
  const fs::path dir = make_folder();
  std::vector<float> tone(70000);
  for (size_t i = 0; i < tone.size(); ++i) tone[i] = 0.3f * std::sin(0.05f * i);
  write_wav(dir / "good.wav", tone);
  write_wav(dir / "silent.wav", std::vector<float>(70000, 0.0f));
  write_wav(dir / "short.wav", std::vector<float>(1000, 0.1f));
  std::ofstream(dir / "empty.wav").close();
  std::ofstream(dir / "notes.txt") << "not audio";  // skipped: not an audio extension
  std::ofstream(dir / "fake.flac") << "not audio either";

  const auto files =
      collect_audio_files({dir.parent_path().string(), (dir / "missing.wav").string()});
  ASSERT_EQ(files.size(), 6u);  // 5 audio files found in the folder + the missing one
  ExtractOptions options;
  options.threads = 2;
  std::map<std::string, FileResult> by_name;
  for (auto& result : extract_files(files, options))
    by_name[result.file.filename().string()] = result;

  EXPECT_TRUE(by_name["good.wav"].error.empty()) << by_name["good.wav"].error;
  ASSERT_EQ(by_name["good.wav"].rows.size(), 1u);
  EXPECT_EQ(by_name["good.wav"].rows[0].label, "pop");
  EXPECT_TRUE(by_name["silent.wav"].error.empty());  // silence is valid input, values finite
  for (const char* bad : {"short.wav", "empty.wav", "fake.flac", "missing.wav"}) {
    EXPECT_FALSE(by_name[bad].error.empty()) << bad;
    EXPECT_TRUE(by_name[bad].rows.empty()) << bad;
    EXPECT_NE(by_name[bad].error.find(bad), std::string::npos) << by_name[bad].error;
  }
  EXPECT_NE(by_name["short.wav"].error.find("too short"), std::string::npos);

  options.segment = SegmentMode::kThreeSeconds;  // 70,000 samples: one 3 s window
  const FileResult three = extract_file(dir / "good.wav", options);
  ASSERT_EQ(three.rows.size(), 1u);
  EXPECT_EQ(three.rows[0].filename, "good.0.wav");
  EXPECT_FALSE(extract_file(dir / "short.wav", options).error.empty());
}

TEST(ExtractFiles, CorruptGtzanFile) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00054.wav");
  const FileResult result =
      extract_file(cadenza::testing::shared_data_dir() / "gtzan/audio/jazz/jazz.00054.wav", {});
  EXPECT_TRUE(result.rows.empty());
  EXPECT_NE(result.error.find("jazz.00054.wav"), std::string::npos);
  EXPECT_NE(result.error.find("Format not recognised"), std::string::npos) << result.error;
}
