#include "cnn/predictor.h"

#include <map>

#include "cnn/dataset.h"

namespace cadenza::cnn {

CnnModel load_cnn_model(const std::filesystem::path& path, const std::string& device) {
  return CnnModel::load(path, device);
}

classify::Matrix window_probabilities(const CnnModel& model,
                                      const std::vector<std::vector<float>>& windows) {
  const auto classes = static_cast<Eigen::Index>(model.labels().size());
  classify::Matrix out(static_cast<Eigen::Index>(windows.size()), classes);
  // Windows grouped by length, so each group is one stack of equally wide images.
  std::map<std::size_t, std::vector<std::size_t>> by_length;
  for (std::size_t i = 0; i < windows.size(); ++i) by_length[windows[i].size()].push_back(i);
  for (const auto& [length, indices] : by_length) {
    std::vector<std::vector<float>> group;
    group.reserve(indices.size());
    for (std::size_t i : indices) group.push_back(windows[i]);
    const Probabilities p = model.probabilities(window_images(group));
    for (std::size_t k = 0; k < indices.size(); ++k)
      for (Eigen::Index c = 0; c < classes; ++c)
        out(static_cast<Eigen::Index>(indices[k]), c) = p.at(k, static_cast<std::size_t>(c));
  }
  return out;
}

}  // namespace cadenza::cnn
