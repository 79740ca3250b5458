#include "model/fused_lstm.h"

#include <gtest/gtest.h>

namespace cadenza::model {
namespace {

torch::nn::LSTM make_lstm(std::int64_t input, std::int64_t hidden, std::int64_t layers) {
  return torch::nn::LSTM(
      torch::nn::LSTMOptions(input, hidden).num_layers(layers).batch_first(true));
}

struct LstmRun {
  torch::Tensor output, h_n, c_n;
  std::vector<torch::Tensor> grads;  // input, h0, c0, then every parameter
};

// Forward and backward of a loss that uses the outputs and the final state (weights fixed
// by the seed), with the fused path on or off.
LstmRun run(torch::nn::LSTM& lstm, const torch::Tensor& input, const torch::Tensor& h0,
            const torch::Tensor& c0, bool fused, bool use_final_state) {
  set_fused_lstm_enabled(fused);
  lstm->zero_grad();
  torch::Tensor x = input.clone().requires_grad_(true);
  torch::Tensor h = h0.clone().requires_grad_(true), c = c0.clone().requires_grad_(true);
  auto [output, state] = run_lstm(lstm, x, {h, c});
  torch::manual_seed(7);
  torch::Tensor loss = (output * torch::randn_like(output)).sum();
  if (use_final_state)
    loss = loss + (std::get<0>(state) * 0.5).sum() + (std::get<1>(state) * -0.25).sum();
  loss.backward();
  set_fused_lstm_enabled(true);
  LstmRun r{output.detach(), std::get<0>(state).detach(), std::get<1>(state).detach(), {}};
  r.grads = {x.grad(), h.grad(), c.grad()};
  for (const auto& p : lstm->parameters()) r.grads.push_back(p.grad().clone());
  return r;
}

void expect_close(const torch::Tensor& a, const torch::Tensor& b, double tolerance) {
  ASSERT_EQ(a.sizes(), b.sizes());
  EXPECT_LT((a - b).abs().max().item<double>(), tolerance);
}

TEST(FusedLstm, MatchesTorchLstmForwardAndBackward) {
  torch::manual_seed(0);
  for (bool use_final_state : {false, true}) {
    SCOPED_TRACE(use_final_state ? "loss on outputs and final state" : "loss on outputs");
    torch::nn::LSTM lstm = make_lstm(5, 7, 2);
    const torch::Tensor input = torch::randn({3, 9, 5});
    const torch::Tensor h0 = torch::randn({2, 3, 7}), c0 = torch::randn({2, 3, 7});
    const LstmRun fused = run(lstm, input, h0, c0, true, use_final_state);
    const LstmRun reference = run(lstm, input, h0, c0, false, use_final_state);
    expect_close(fused.output, reference.output, 1e-6);
    expect_close(fused.h_n, reference.h_n, 1e-6);
    expect_close(fused.c_n, reference.c_n, 1e-6);
    ASSERT_EQ(fused.grads.size(), 3u + 8u);
    for (std::size_t i = 0; i < fused.grads.size(); ++i) {
      SCOPED_TRACE("gradient " + std::to_string(i));
      ASSERT_TRUE(fused.grads[i].defined());
      expect_close(fused.grads[i], reference.grads[i], 1e-5);
    }
  }
}

TEST(FusedLstm, ZeroStateAndOneStepAsTorch) {
  torch::manual_seed(1);
  torch::nn::LSTM lstm = make_lstm(4, 6, 1);
  for (std::int64_t steps : {1, 4}) {
    const torch::Tensor input = torch::randn({2, steps, 4});
    set_fused_lstm_enabled(true);
    auto [fused, fused_state] = run_lstm(lstm, input);
    set_fused_lstm_enabled(false);
    auto [reference, reference_state] = run_lstm(lstm, input);
    set_fused_lstm_enabled(true);
    expect_close(fused, reference, 1e-6);
    expect_close(std::get<1>(fused_state), std::get<1>(reference_state), 1e-6);
  }
}

// Dropout between layers is applied while training (so the results differ from eval mode)
// and not in eval mode.
TEST(FusedLstm, DropoutBetweenLayersOnlyWhileTraining) {
  torch::manual_seed(2);
  torch::nn::LSTM lstm =
      torch::nn::LSTM(torch::nn::LSTMOptions(3, 8).num_layers(2).batch_first(true).dropout(0.5));
  const torch::Tensor input = torch::randn({2, 5, 3});
  lstm->eval();
  torch::NoGradGuard no_grad;
  auto [eval_fused, s1] = run_lstm(lstm, input);
  set_fused_lstm_enabled(false);
  auto [eval_reference, s2] = run_lstm(lstm, input);
  set_fused_lstm_enabled(true);
  expect_close(eval_fused, eval_reference, 1e-6);
  lstm->train();
  auto [train_fused, s3] = run_lstm(lstm, input);
  EXPECT_GT((train_fused - eval_fused).abs().max().item<double>(), 1e-3);
}

}  // namespace
}  // namespace cadenza::model
