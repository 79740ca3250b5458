#pragma once
// Small data sets and files for the classify tests.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "classify/feature_table.h"
#include "classify/types.h"
#include "common/gtzan.h"

namespace cadenza::classify::testing {

// Three well separated clusters in 3 dimensions (centres (0,0,0), (6,0,0), (0,6,0), spread
// +-1), `per_class` rows each, interleaved by class; seeded, so always the same rows.
inline void blobs(int per_class, std::uint64_t seed, Matrix& x, Labels& y) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  const double centres[3][3] = {{0, 0, 0}, {6, 0, 0}, {0, 6, 0}};
  x.resize(3 * per_class, 3);
  y.clear();
  for (int i = 0; i < per_class; ++i)
    for (int c = 0; c < 3; ++c) {
      const Eigen::Index r = static_cast<Eigen::Index>(y.size());
      for (int d = 0; d < 3; ++d) x(r, d) = centres[c][d] + noise(rng);
      y.push_back(c);
    }
}

// A fresh folder under the system temp folder, removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() /
            ("cadenza_classify_test_" + std::to_string(device()) + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A GTZAN-layout CSV: `rows_per_genre` rows for each genre given, features that separate the
// genres (genre g has every feature near 10 g), 30 s lengths unless `length` says otherwise.
inline std::string gtzan_csv(const std::vector<std::string>& genres, int rows_per_genre,
                             long length = 661794) {
  std::string csv = "filename,length";
  for (const auto& column : cadenza::gtzan::feature_columns()) csv += "," + column;
  csv += ",label\n";
  for (std::size_t g = 0; g < genres.size(); ++g)
    for (int i = 0; i < rows_per_genre; ++i) {
      csv += genres[g] + ".000" + std::to_string(10 + i) + ".wav," + std::to_string(length);
      for (std::size_t c = 0; c < cadenza::gtzan::feature_columns().size(); ++c)
        csv += "," + std::to_string(10.0 * static_cast<double>(g) +
                                    0.1 * ((i * 7 + static_cast<int>(c) * 3) % 11));
      csv += "," + genres[g] + "\n";
    }
  return csv;
}

}  // namespace cadenza::classify::testing
