// Bad input: every failure is one clear message naming the file; the batch goes on.
#include "features/extract.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "features/gtzan.h"
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
// librosa 0.9.2's row for the two synthetic clips of BadFilesFailAloneAndGoodOnesSucceed (made
// with ../shared/oracles/features_librosa.py on the same 16-bit WAVs, 30 s mode): length, then
// the 57 feature values in gtzan_value_columns() order.
const char* const kLibrosaGood =
    "70000,0.17288774251937866,0.09623473882675171,0.2111269235610962,"
    "4.529729994828813e-05,183.4372259054866,1032.675174155453,189.82575934020855,"
    "14494.037902737851,184.83975821167883,197.2654649703096,0.015774692062043797,"
    "8.094468910176229e-07,-5.779538696515374e-06,0.04487951844930649,"
    "8.20705190562876e-06,2.1118590666446835e-05,0.0,-527.1123657226562,"
    "702.1921997070312,50.83531188964844,345.51239013671875,46.45087432861328,"
    "14.519524574279785,42.66582489013672,2.7830607891082764,38.364501953125,"
    "1.6401009559631348,33.1016845703125,3.5621044635772705,27.16974639892578,"
    "4.390896797180176,20.812068939208984,2.945779323577881,14.135822296142578,"
    "1.940993309020996,7.400557994842529,0.8149194717407227,0.8131871819496155,"
    "0.2548135221004486,-5.414722919464111,0.4408831298351288,-11.122446060180664,"
    "1.4487500190734863,-16.173913955688477,2.801043748855591,-20.426387786865234,"
    "4.693443775177002,-23.816938400268555,6.4858245849609375,-26.304460525512695,"
    "7.685111045837402,-27.85670280456543,9.010037422180176,-28.525495529174805,"
    "9.49873161315918,-28.366758346557617,9.12047290802002";
const char* const kLibrosaSilent =
    "70000,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,"
    "-1131.370849609375,1.4901161193847656e-08,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,"
    "0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,"
    "0.0,0.0,0.0,0.0,0.0,0.0,0.0";

std::vector<double> parse_row(const std::string& text) {
  std::vector<double> values;
  std::stringstream in(text);
  for (std::string cell; std::getline(in, cell, ',');) values.push_back(std::stod(cell));
  return values;
}

// Each value within 1e-4 of librosa's, relative to its size (absolute below 0.01): the tones are
// far from GTZAN-sized columns, so the golden tests' error/std measure does not apply here.
void expect_librosa_values(const FeatureRow& row, const char* reference, const std::string& name) {
  const std::vector<double> expected = parse_row(reference);
  const std::vector<std::string> columns = gtzan_value_columns();
  ASSERT_EQ(expected.size(), 58u);
  ASSERT_EQ(row.values.size(), expected.size());
  for (std::size_t c = 0; c < expected.size(); ++c) {
    ASSERT_TRUE(std::isfinite(row.values[c])) << columns[c] << " of " << name;
    EXPECT_NEAR(row.values[c], expected[c], 1e-4 * std::max(std::abs(expected[c]), 0.01))
        << columns[c] << " of " << name;
  }
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
  expect_librosa_values(by_name["good.wav"].rows[0], kLibrosaGood, "good.wav");
  // Silence is valid input: finite values, all 0 but the first MFCC's mean (-100 dB floor).
  EXPECT_TRUE(by_name["silent.wav"].error.empty()) << by_name["silent.wav"].error;
  ASSERT_EQ(by_name["silent.wav"].rows.size(), 1u);
  expect_librosa_values(by_name["silent.wav"].rows[0], kLibrosaSilent, "silent.wav");
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
