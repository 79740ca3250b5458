// resampy's filters designed here, and resampling against librosa 0.9.2's own output
// (tests/audio/reference, made by make_resample_reference.py beside it).
#include "audio/resample.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "audio/kaiser_filter.h"

namespace {
using cadenza::audio::KaiserSincFilter;
using cadenza::audio::parse_resampler;
using cadenza::audio::resample;
using cadenza::audio::Resampler;

const std::string kReference = CADENZA_AUDIO_REFERENCE_DIR;

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(kReference + "/" + name);
  EXPECT_TRUE(in) << "missing " << kReference << "/" << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream fields_in(line);
    for (std::string field; std::getline(fields_in, field, ',');) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

// The generator's test signal: integers / 65536, exact in float32.
std::vector<float> test_signal(std::size_t length) {
  std::vector<float> out(length);
  long long state = 12345;
  for (std::size_t i = 0; i < length; ++i) {
    state = (state * 1103515245 + 12345) % (1LL << 31);
    const long long noise = (state >> 8) % 16384 - 8192;
    const long long saw = (static_cast<long long>(i * 97) % 1024 - 512) * 24;
    out[i] = static_cast<float>(static_cast<double>(noise + saw) / 65536.0);
  }
  return out;
}
}  // namespace

TEST(KaiserFilter, BesselI0KnownValues) {
  EXPECT_DOUBLE_EQ(cadenza::audio::bessel_i0(0.0), 1.0);
  EXPECT_NEAR(cadenza::audio::bessel_i0(1.0), 1.2660658777520082, 1e-15);
  EXPECT_NEAR(cadenza::audio::bessel_i0(10.0) / 2815.716628466254, 1.0, 1e-15);
}

TEST(KaiserFilter, EqualsResampysShippedTables) {
  // Sampled entries of resampy/data/kaiser_{best,fast}.npz; designed here to double rounding
  // (the largest difference seen over every entry is 1.7e-15, at values near 0.9).
  const auto rows = read_csv("kaiser_tables.csv");
  ASSERT_GT(rows.size(), 400u);
  for (const auto& row : rows) {
    const KaiserSincFilter& filter =
        row[0] == "kaiser_best" ? cadenza::audio::kKaiserBest : cadenza::audio::kKaiserFast;
    const long index = std::stol(row[1]);
    ASSERT_LT(index, filter.table_size());
    EXPECT_NEAR(filter(index), std::stod(row[2]), 4e-15) << row[0] << " entry " << index;
  }
  EXPECT_EQ(cadenza::audio::kKaiserBest.table_size(), 409601);
  EXPECT_EQ(cadenza::audio::kKaiserFast.table_size(), 12289);
}

TEST(Resample, EqualsLibrosaBitForBit) {
  // resampy adds each weight x sample product to a float32 output, rounding every time; this
  // code does the same arithmetic in the same order, so the samples are equal, not close (a
  // double sum rounded once differs from resampy by up to ~1e-6 here, another filter by 1e-3).
  const auto rows = read_csv("resampled.csv");
  ASSERT_EQ(rows.size(), 30u);
  std::map<std::string, std::vector<float>> outputs;
  for (const auto& row : rows) {
    const int rate = std::stoi(row[0]);
    const std::string key = row[0] + " " + row[1];
    if (!outputs.count(key))
      outputs[key] = resample(test_signal(rate / 5), rate, 22050, parse_resampler(row[1]));
    const std::vector<float>& ours = outputs[key];
    ASSERT_EQ(ours.size(), std::stoul(row[2])) << key;
    std::stringstream values(row[4]);
    int count = 0;
    for (std::size_t i = std::stoul(row[3]); values >> std::ws && !values.eof(); ++i, ++count) {
      float expected;
      values >> expected;
      ASSERT_LT(i, ours.size());
      EXPECT_EQ(ours[i], expected) << key << " sample " << i;
    }
    EXPECT_EQ(count, 64) << key;
  }
}

TEST(Resample, SameRateReturnsTheInput) {
  const std::vector<float> x = test_signal(1000);
  EXPECT_EQ(resample(x, 22050, 22050), x);
}

TEST(Resample, SoxrKeepsLibrosasLength) {
  const std::vector<float> x = test_signal(44101);
  EXPECT_EQ(resample(x, 44100, 22050, Resampler::kSoxr).size(), 22051u);  // ceil(44101 / 2)
  EXPECT_EQ(resample(x, 44100, 22050, Resampler::kKaiserBest).size(), 22051u);
}

TEST(Resample, BadArgumentsThrow) {
  EXPECT_THROW(parse_resampler("sinc_best"), std::invalid_argument);
  EXPECT_EQ(parse_resampler("kaiser_fast"), Resampler::kKaiserFast);
  EXPECT_THROW(resample(test_signal(100), 0, 22050), std::invalid_argument);
  EXPECT_THROW(resample(test_signal(100), 44100, -1), std::invalid_argument);
  // resampy: int(1 * 22050 / 48000) = 0 samples is an error, not an empty signal
  EXPECT_THROW(resample(test_signal(1), 48000, 22050), std::invalid_argument);
}
