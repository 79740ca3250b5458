#include "classify/mlp.h"

#include <stdexcept>

#include "common/error.h"

#ifdef CADENZA_CLASSIFY_WITH_TORCH
#include <torch/torch.h>

#include "classify/probabilities.h"
#include "common/progress.h"
#include "common/threads.h"
#endif

namespace cadenza::classify {

#ifndef CADENZA_CLASSIFY_WITH_TORCH

bool mlp_available() { return false; }

std::unique_ptr<Model> make_mlp(const ModelOptions&) { throw NeedsTorch("model 'mlp'"); }

#else

namespace {

constexpr int kHidden[] = {1024, 512, 256, 128, 64};

struct MlpNetImpl : torch::nn::Module {
  MlpNetImpl(int inputs, int classes, double dropout) {
    int width = inputs;
    for (int hidden : kHidden) {
      body->push_back(torch::nn::Linear(width, hidden));
      body->push_back(torch::nn::BatchNorm1d(hidden));
      body->push_back(torch::nn::ReLU());
      body->push_back(torch::nn::Dropout(dropout));
      width = hidden;
    }
    body->push_back(torch::nn::Linear(width, classes));
    register_module("body", body);
  }
  torch::Tensor forward(const torch::Tensor& x) { return body->forward(x); }
  torch::nn::Sequential body;
};
TORCH_MODULE(MlpNet);

torch::Tensor to_tensor(const Matrix& x) {
  using RowMajorFloat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajorFloat values = x.cast<float>();
  return torch::from_blob(const_cast<float*>(values.data()), {x.rows(), x.cols()}, torch::kFloat32)
      .clone();
}

class Mlp final : public Model {
 public:
  explicit Mlp(const ModelOptions& options) : options_(options) {}
  std::string kind() const override { return "mlp"; }

  void fit(const Matrix& x, const Labels& y, int n_classes) override {
    check_fit_input(x, y, n_classes);
    if (options_.threads) torch::set_num_threads(static_cast<int>(clamp_threads(options_.threads)));
    torch::manual_seed(options_.seed);
    inputs_ = static_cast<int>(x.cols());
    net_ = MlpNet(inputs_, n_classes, options_.mlp_dropout);
    const torch::Tensor features = to_tensor(x);
    const torch::Tensor targets = torch::tensor(std::vector<std::int64_t>(y.begin(), y.end()));
    torch::optim::Adam optimizer(net_->parameters(),
                                 torch::optim::AdamOptions(options_.mlp_learning_rate));
    const std::int64_t n = x.rows(), batch = std::max(1, options_.mlp_batch);
    net_->train();
    Progress progress("mlp", static_cast<std::size_t>(options_.mlp_epochs), "epochs");
    for (int epoch = 0; epoch < options_.mlp_epochs; ++epoch) {
      double loss_sum = 0.0;
      int batches = 0;
      const torch::Tensor order = torch::randperm(n, torch::kInt64);
      for (std::int64_t start = 0; start < n; start += batch) {
        // A last batch of one row would break BatchNorm's batch statistics.
        if (n - start < 2) break;
        const torch::Tensor rows = order.slice(0, start, std::min(n, start + batch));
        optimizer.zero_grad();
        const torch::Tensor loss = torch::nn::functional::cross_entropy(
            net_->forward(features.index_select(0, rows)), targets.index_select(0, rows));
        loss.backward();
        optimizer.step();
        loss_sum += loss.item<double>();
        ++batches;
      }
      progress.set_message("loss " + std::to_string(loss_sum / std::max(1, batches)));
      progress.advance();
    }
    progress.finish();
  }

  Matrix predict_proba(const Matrix& x) const override { return softmax_rows(logits(x)); }

  void save(ArchiveWriter& out) const override {
    out.i64(n_classes_);
    out.i64(inputs_);
    out.f64(options_.mlp_dropout);
    for (const auto& tensor : state()) out.doubles(to_doubles(tensor));
  }

  void load(ArchiveReader& in) override {
    load_class_count(in, "mlp class count");
    inputs_ = in.index("mlp input count", 1, 100000);
    const double dropout = in.f64("mlp dropout");
    in.require(dropout >= 0 && dropout < 1, "mlp dropout outside [0, 1)");
    net_ = MlpNet(inputs_, n_classes_, dropout);
    torch::NoGradGuard no_grad;
    for (auto& tensor : state()) {
      const std::vector<double> values = in.doubles("mlp weights");
      if (static_cast<std::int64_t>(values.size()) != tensor.numel())
        in.fail("mlp weights of the wrong size");
      tensor.copy_(
          torch::tensor(values, torch::kFloat64).reshape(tensor.sizes()).to(tensor.dtype()));
    }
  }

 private:
  // Parameters and buffers (BatchNorm running statistics) in a fixed order.
  std::vector<torch::Tensor> state() const {
    std::vector<torch::Tensor> out;
    for (const auto& p : net_->named_parameters()) out.push_back(p.value());
    for (const auto& b : net_->named_buffers()) out.push_back(b.value());
    return out;
  }

  static std::vector<double> to_doubles(const torch::Tensor& tensor) {
    const torch::Tensor flat = tensor.detach().to(torch::kFloat64).contiguous().view(-1);
    return std::vector<double>(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
  }

  Matrix logits(const Matrix& x) const {
    if (!net_) throw std::logic_error("mlp: not fitted");
    if (x.cols() != inputs_) throw std::invalid_argument("mlp: wrong number of features");
    torch::NoGradGuard no_grad;
    net_->eval();
    const torch::Tensor out = net_->forward(to_tensor(x)).to(torch::kFloat64).contiguous();
    Matrix scores(x.rows(), n_classes_);
    const double* data = out.data_ptr<double>();
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      for (int c = 0; c < n_classes_; ++c) scores(r, c) = data[r * n_classes_ + c];
    return scores;
  }

  ModelOptions options_;
  int inputs_ = 0;
  mutable MlpNet net_{nullptr};
};

}  // namespace

bool mlp_available() { return true; }

std::unique_ptr<Model> make_mlp(const ModelOptions& options) {
  return std::make_unique<Mlp>(options);
}

#endif

}  // namespace cadenza::classify
