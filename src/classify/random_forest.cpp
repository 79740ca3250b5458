#include "classify/random_forest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

#include "common/threads.h"

namespace cadenza::classify {
namespace {

// scikit-learn treats values closer than this as equal when looking for split points.
constexpr double kFeatureThreshold = 1e-7;

struct Task {
  int node;
  std::vector<int> rows;  // rows with non-zero weight in this node
};

class TreeBuilder {
 public:
  TreeBuilder(const Matrix& x, const Labels& y, int n_classes, const std::vector<double>& weight,
              int max_features, std::uint64_t seed)
      : x_(x), y_(y), k_(n_classes), weight_(weight), max_features_(max_features), rng_(seed) {}

  DecisionTree build() {
    std::vector<int> rows;
    for (Eigen::Index r = 0; r < x_.rows(); ++r)
      if (weight_[static_cast<std::size_t>(r)] > 0) rows.push_back(static_cast<int>(r));
    std::vector<Task> stack;
    stack.push_back({new_node(), std::move(rows)});
    std::vector<std::vector<double>> leaves;
    while (!stack.empty()) {
      Task task = std::move(stack.back());
      stack.pop_back();
      std::vector<double> counts = class_weights(task.rows);
      int feature = -1;
      double threshold = 0.0;
      if (!is_pure(counts) && task.rows.size() >= 2)
        find_split(task.rows, counts, feature, threshold);
      if (feature < 0) {
        const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
        for (double& c : counts) c /= total;
        tree_.leaf[static_cast<std::size_t>(task.node)] = static_cast<int>(leaves.size());
        leaves.push_back(std::move(counts));
        continue;
      }
      std::vector<int> left_rows, right_rows;
      for (int r : task.rows) (x_(r, feature) <= threshold ? left_rows : right_rows).push_back(r);
      const int left = new_node(), right = new_node();
      const auto node = static_cast<std::size_t>(task.node);
      tree_.feature[node] = feature;
      tree_.threshold[node] = threshold;
      tree_.left[node] = left;
      tree_.right[node] = right;
      stack.push_back({right, std::move(right_rows)});
      stack.push_back({left, std::move(left_rows)});
    }
    tree_.leaf_value.resize(static_cast<Eigen::Index>(leaves.size()), k_);
    for (std::size_t i = 0; i < leaves.size(); ++i)
      for (int c = 0; c < k_; ++c)
        tree_.leaf_value(static_cast<Eigen::Index>(i), c) = leaves[i][static_cast<std::size_t>(c)];
    return std::move(tree_);
  }

 private:
  int new_node() {
    tree_.feature.push_back(-1);
    tree_.left.push_back(-1);
    tree_.right.push_back(-1);
    tree_.leaf.push_back(-1);
    tree_.threshold.push_back(0.0);
    return static_cast<int>(tree_.feature.size()) - 1;
  }

  std::vector<double> class_weights(const std::vector<int>& rows) const {
    std::vector<double> counts(static_cast<std::size_t>(k_), 0.0);
    for (int r : rows)
      counts[static_cast<std::size_t>(y_[static_cast<std::size_t>(r)])] +=
          weight_[static_cast<std::size_t>(r)];
    return counts;
  }

  static bool is_pure(const std::vector<double>& counts) {
    return std::count_if(counts.begin(), counts.end(), [](double c) { return c > 0; }) <= 1;
  }

  // Best Gini split over up to max_features non-constant features drawn without replacement.
  void find_split(const std::vector<int>& rows, const std::vector<double>& counts,
                  int& best_feature, double& best_threshold) {
    const int d = static_cast<int>(x_.cols());
    std::vector<int> features(static_cast<std::size_t>(d));
    std::iota(features.begin(), features.end(), 0);
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    double best_score = -1.0;
    std::vector<int> sorted = rows;
    std::vector<double> left(static_cast<std::size_t>(k_));
    int visited = 0;
    for (int drawn = 0; drawn < d && visited < max_features_; ++drawn) {
      std::uniform_int_distribution<int> pick(drawn, d - 1);
      std::swap(features[static_cast<std::size_t>(drawn)],
                features[static_cast<std::size_t>(pick(rng_))]);
      const int f = features[static_cast<std::size_t>(drawn)];
      std::sort(sorted.begin(), sorted.end(), [&](int a, int b) { return x_(a, f) < x_(b, f); });
      if (x_(sorted.back(), f) <= x_(sorted.front(), f) + kFeatureThreshold) continue;  // constant
      ++visited;
      std::fill(left.begin(), left.end(), 0.0);
      double left_total = 0.0, left_square = 0.0;
      double right_square = 0.0;
      for (double c : counts) right_square += c * c;
      for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
        const int r = sorted[i];
        const double w = weight_[static_cast<std::size_t>(r)];
        const auto c = static_cast<std::size_t>(y_[static_cast<std::size_t>(r)]);
        // Update sum of squares of left and right class weights incrementally.
        const double right_c = counts[c] - left[c];
        left_square += w * (2.0 * left[c] + w);
        right_square -= w * (2.0 * right_c - w);
        left[c] += w;
        left_total += w;
        const double value = x_(r, f), next = x_(sorted[i + 1], f);
        if (next <= value + kFeatureThreshold) continue;
        const double right_total = total - left_total;
        // Maximising this minimises the weighted Gini impurity of the children.
        const double score = left_square / left_total + right_square / right_total;
        if (score > best_score + 1e-12 * total) {
          best_score = score;
          best_feature = f;
          best_threshold = value + 0.5 * (next - value);
          if (best_threshold >= next) best_threshold = value;
        }
      }
    }
  }

  const Matrix& x_;
  const Labels& y_;
  int k_;
  const std::vector<double>& weight_;
  int max_features_;
  std::mt19937_64 rng_;
  DecisionTree tree_;
};

std::uint64_t tree_seed(std::uint64_t seed, int tree) {
  // splitmix64 of (seed, tree): independent streams for each tree.
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(tree) + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

int DecisionTree::find_leaf(const double* row) const {
  int node = 0;
  while (feature[static_cast<std::size_t>(node)] >= 0) {
    const auto n = static_cast<std::size_t>(node);
    node = row[feature[n]] <= threshold[n] ? left[n] : right[n];
  }
  return leaf[static_cast<std::size_t>(node)];
}

DecisionTree grow_tree(const Matrix& x, const Labels& y, int n_classes,
                       const std::vector<double>& weight, int max_features, std::uint64_t seed) {
  return TreeBuilder(x, y, n_classes, weight, max_features, seed).build();
}

void RandomForest::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  if (n_trees_ < 1) throw std::invalid_argument("rf: at least one tree is needed");
  n_features_ = x.cols();
  const int max_features = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(x.cols()))));
  trees_.assign(static_cast<std::size_t>(n_trees_), DecisionTree{});
  const auto grow = [&](int t) {
    std::mt19937_64 rng(tree_seed(seed_, t));
    std::uniform_int_distribution<Eigen::Index> pick(0, x.rows() - 1);
    std::vector<double> weight(static_cast<std::size_t>(x.rows()), 0.0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) weight[static_cast<std::size_t>(pick(rng))] += 1.0;
    trees_[static_cast<std::size_t>(t)] = grow_tree(x, y, n_classes, weight, max_features, rng());
  };
  unsigned threads = clamp_threads(threads_);
  threads = std::min<unsigned>(threads, static_cast<unsigned>(n_trees_));
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < threads; ++w)
    workers.emplace_back([&, w] {
      for (int t = static_cast<int>(w); t < n_trees_; t += static_cast<int>(threads)) grow(t);
    });
  for (auto& worker : workers) worker.join();
}

Matrix RandomForest::predict_proba(const Matrix& x) const {
  if (trees_.empty()) throw std::logic_error("rf: not fitted");
  if (x.cols() != n_features_) throw std::invalid_argument("rf: wrong number of features");
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor rows = x;
  Matrix proba = Matrix::Zero(x.rows(), n_classes_);
  for (const auto& tree : trees_)
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      proba.row(r) += tree.leaf_value.row(tree.find_leaf(rows.row(r).data()));
  return proba / static_cast<double>(trees_.size());
}

void RandomForest::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  out.i64(n_features_);
  out.i64(static_cast<std::int64_t>(trees_.size()));
  for (const auto& tree : trees_) {
    out.ints(tree.feature);
    out.ints(tree.left);
    out.ints(tree.right);
    out.ints(tree.leaf);
    out.doubles(tree.threshold);
    out.matrix(tree.leaf_value);
  }
}

void RandomForest::load(ArchiveReader& in) {
  load_class_count(in, "rf class count");
  n_features_ = in.index("rf feature count", 1, std::numeric_limits<int>::max());
  const std::int64_t count = in.i64("rf tree count");
  if (count < 1 || count > 100000) in.fail("implausible rf tree count");
  trees_.assign(static_cast<std::size_t>(count), DecisionTree{});
  for (auto& tree : trees_) {
    tree.feature = in.ints("rf tree features");
    tree.left = in.ints("rf tree left children");
    tree.right = in.ints("rf tree right children");
    tree.leaf = in.ints("rf tree leaves");
    tree.threshold = in.doubles("rf tree thresholds");
    tree.leaf_value = in.matrix("rf leaf values");
    const auto nodes = static_cast<int>(tree.feature.size());
    bool ok = nodes > 0 && tree.left.size() == tree.feature.size() &&
              tree.right.size() == tree.feature.size() && tree.leaf.size() == tree.feature.size() &&
              tree.threshold.size() == tree.feature.size() && tree.leaf_value.cols() == n_classes_;
    // Children always come after their parent, so walking the tree terminates.
    for (int i = 0; ok && i < nodes; ++i) {
      const auto n = static_cast<std::size_t>(i);
      if (tree.feature[n] < 0)
        ok = tree.leaf[n] >= 0 && tree.leaf[n] < tree.leaf_value.rows();
      else
        ok = tree.feature[n] < n_features_ && tree.left[n] > i && tree.left[n] < nodes &&
             tree.right[n] > i && tree.right[n] < nodes;
    }
    if (!ok) in.fail("inconsistent rf tree");
    // Each leaf holds the class fractions of its training rows.
    for (Eigen::Index r = 0; r < tree.leaf_value.rows(); ++r)
      in.require((tree.leaf_value.row(r).array() >= 0).all() &&
                     std::abs(tree.leaf_value.row(r).sum() - 1.0) < 1e-9,
                 "rf leaf values that are not class fractions");
  }
}

}  // namespace cadenza::classify
