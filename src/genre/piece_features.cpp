#include "genre/piece_features.h"

#include <stdexcept>

#include "features/gtzan.h"
#include "genre/audio_windows.h"

namespace cadenza::genre {

std::vector<features::FeatureRow> piece_feature_rows(const std::filesystem::path& file,
                                                     const std::string& label,
                                                     const PieceOptions& options,
                                                     int segment_seconds, bool extra) {
  const std::vector<float> samples = piece_samples(file, options);
  std::vector<std::vector<float>> windows;
  try {
    windows = cut_windows(samples, segment_seconds);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error("'" + file.string() + "': " + e.what());
  }
  std::vector<features::FeatureRow> rows;
  const bool whole = segment_seconds == 30 && windows.size() == 1;
  for (std::size_t k = 0; k < windows.size(); ++k) {
    const std::string name =
        whole ? file.filename().string() : file.stem().string() + "." + std::to_string(k) + ".wav";
    rows.push_back(
        {name, features::gtzan_values(windows[k].data(), windows[k].size(), extra), label});
  }
  return rows;
}

}  // namespace cadenza::genre
