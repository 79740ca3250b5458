#pragma once
// Synthetic "genres" for the CNN tests: songs of sine tones in a low band and in a high band,
// written as 22,050 Hz WAV files into genre sub-folders of a temporary folder.
#include <sndfile.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace cadenza::cnn::tones_data {

inline void write_wav(const std::filesystem::path& path, const std::vector<float>& samples) {
  SF_INFO info{};
  info.channels = 1;
  info.samplerate = 22050;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (!file) throw std::runtime_error("cannot write " + path.string());
  sf_writef_float(file, samples.data(), static_cast<sf_count_t>(samples.size()));
  sf_close(file);
}

// `seconds` of a few random sine tones between lo and hi Hz, plus a little noise.
inline std::vector<float> tones(double seconds, double lo, double hi, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> freq(lo, hi), phase(0, 6.283);
  std::normal_distribution<double> noise(0.0, 0.01);
  const auto n = static_cast<std::size_t>(seconds * 22050);
  std::vector<float> out(n, 0.0f);
  for (int k = 0; k < 3; ++k) {
    const double f = freq(rng), p = phase(rng);
    for (std::size_t i = 0; i < n; ++i)
      out[i] += static_cast<float>(0.2 * std::sin(6.283185307 * f * i / 22050.0 + p));
  }
  for (float& v : out) v += static_cast<float>(noise(rng));
  return out;
}

// A path in the temporary folder whose name carries the process id: ctest runs the tests of
// one suite in parallel processes, and other build folders may run the same tests at once.
inline std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
}

// <root>/low/low.<k>.wav and <root>/high/high.<k>.wav, `songs` of each, `seconds` long.
inline std::filesystem::path make_tone_folder(const std::string& name, int songs, double seconds) {
  const std::filesystem::path root = temp_path(name);
  std::filesystem::remove_all(root);
  for (const char* genre : {"low", "high"}) {
    std::filesystem::create_directories(root / genre);
    const bool low = std::string(genre) == "low";
    for (int k = 0; k < songs; ++k)
      write_wav(root / genre / (std::string(genre) + "." + std::to_string(k) + ".wav"),
                tones(seconds, low ? 150 : 3000, low ? 400 : 6000,
                      static_cast<std::uint64_t>(k * 2 + (low ? 0 : 1))));
  }
  return root;
}

}  // namespace cadenza::cnn::tones_data
