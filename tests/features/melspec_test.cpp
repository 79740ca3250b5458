#include "features/melspec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "features/image_io.h"
#include "support/png_image.h"

namespace fs = std::filesystem;
using namespace cadenza::features;

namespace {
LogMel tone_mel() {
  std::vector<float> y(22050);
  for (size_t i = 0; i < y.size(); ++i) y[i] = 0.5f * std::sin(2 * M_PI * 1000.0 * i / 22050);
  return log_mel_spectrogram(y.data(), y.size());
}
}  // namespace

TEST(LogMel, RefMaxPutsThePeakAtZeroDbAndFloorsAt80) {
  const LogMel mel = tone_mel();
  EXPECT_EQ(mel.bands, 128);
  EXPECT_EQ(mel.frames, 1 + 22050 / 512);
  const auto [low, high] = std::minmax_element(mel.values.begin(), mel.values.end());
  EXPECT_FLOAT_EQ(*high, 0.0f);
  EXPECT_GE(*low, -80.0f);
  // the loudest band of a middle frame is centred on 1 kHz = 15 mel; the 130 edges span
  // 0..49.9 mel (11,025 Hz), so band m is centred on (m + 1) * 0.387 mel: m = 38
  int best = 0;
  for (int m = 1; m < mel.bands; ++m)
    if (mel.at(m, mel.frames / 2) > mel.at(best, mel.frames / 2)) best = m;
  EXPECT_NEAR(best, 38, 1);
}

TEST(Augment, MasksAreSeededRunsAtTheMinimum) {
  const LogMel mel = tone_mel();
  const float floor = *std::min_element(mel.values.begin(), mel.values.end());
  const LogMel a = frequency_mask(mel, 42), b = frequency_mask(mel, 42),
               c = frequency_mask(mel, 43);
  EXPECT_EQ(a.values, b.values);
  int masked_bands = 0;
  for (int m = 0; m < mel.bands; ++m) {
    bool all = true;
    for (int t = 0; t < mel.frames; ++t) all &= a.at(m, t) == floor;
    masked_bands += all;
  }
  EXPECT_GE(masked_bands, 1);
  EXPECT_LE(masked_bands, 24 + 1);  // plus bands that were at the floor already
  EXPECT_NE(a.values, c.values);
  const LogMel t = time_mask(mel, 5);
  int masked_frames = 0;
  for (int f = 0; f < mel.frames; ++f) {
    bool all = true;
    for (int m = 0; m < mel.bands; ++m) all &= t.at(m, f) == floor;
    masked_frames += all;
  }
  EXPECT_GE(masked_frames, 1);
  EXPECT_LE(masked_frames, mel.frames / 4);
}

TEST(Augment, NoiseHasStdPoint3OfTheImage) {
  const LogMel mel = tone_mel();
  const LogMel noisy = gaussian_noise(mel, 9);
  double mean = 0, var = 0, image_var = 0, image_mean = 0;
  const size_t n = mel.values.size();
  for (size_t i = 0; i < n; ++i) {
    mean += noisy.values[i] - mel.values[i];
    image_mean += mel.values[i];
  }
  mean /= n, image_mean /= n;
  for (size_t i = 0; i < n; ++i) {
    const double d = noisy.values[i] - mel.values[i] - mean;
    var += d * d;
    image_var += (mel.values[i] - image_mean) * (mel.values[i] - image_mean);
  }
  EXPECT_NEAR(std::sqrt(var / n) / std::sqrt(image_var / n), 0.3, 0.01);
  EXPECT_NEAR(mean / std::sqrt(image_var / n), 0.0, 0.01);
}

TEST(ImageIo, NpyRoundTripAndPngSignature) {
  const LogMel mel = tone_mel();
  const fs::path dir = fs::temp_directory_path() / "cadenza_melspec_test";
  fs::create_directories(dir);
  write_npy(dir / "tone.npy", mel);
  const LogMel back = read_npy(dir / "tone.npy");
  EXPECT_EQ(back.bands, mel.bands);
  EXPECT_EQ(back.frames, mel.frames);
  EXPECT_EQ(back.values, mel.values);
  EXPECT_EQ(fs::file_size(dir / "tone.npy") % 64,
            (mel.values.size() * 4) % 64);  // 64-aligned header
  fs::remove_all(dir);
}

// The PNG is a grey image, frames wide and bands high, the highest band on top, each value
// mapped linearly from the image's minimum (black) to its maximum (white).
TEST(ImageIo, PngPixelsAreTheScaledValues) {
  LogMel mel;
  mel.bands = 3;
  mel.frames = 4;
  mel.values = {-80, -60, -40, -20,   // band 0 (lowest): the bottom row
                -70, -50, -30, -10,   // band 1
                -80, -80, 0,   -80};  // band 2 (highest): the top row
  const fs::path dir = fs::temp_directory_path() / "cadenza_melspec_png_test";
  fs::create_directories(dir);
  write_png(dir / "known.png", mel);
  const cadenza::testing::DecodedPng png = cadenza::testing::decode_png_file(dir / "known.png");
  ASSERT_EQ(png.width, 4);
  ASSERT_EQ(png.height, 3);
  // grey = round((v + 80) / 80 * 255)
  const int expected[3][4] = {{0, 0, 255, 0}, {32, 96, 159, 223}, {0, 64, 128, 191}};
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x)
      EXPECT_EQ(png.at(x, y), (std::array<int, 3>{expected[y][x], expected[y][x], expected[y][x]}))
          << "pixel " << x << ", " << y;

  // The 1 kHz tone: 44 frames x 128 bands, white (0 dB) in band 38, 89 rows from the top.
  write_png(dir / "tone.png", tone_mel());
  const cadenza::testing::DecodedPng tone = cadenza::testing::decode_png_file(dir / "tone.png");
  EXPECT_EQ(tone.width, 44);
  EXPECT_EQ(tone.height, 128);
  int brightest = 0;
  for (int y = 1; y < 128; ++y)
    if (tone.at(22, y)[0] > tone.at(22, brightest)[0]) brightest = y;
  EXPECT_NEAR(brightest, 127 - 38, 1);
  EXPECT_GE(tone.at(22, brightest)[0], 250);
  fs::remove_all(dir);
}
