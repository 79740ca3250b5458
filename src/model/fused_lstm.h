#pragma once
// A faster CPU path for torch::nn::LSTM (batch_first, one direction, with biases), same
// parameters, same results. Autograd records a dozen nodes per time step and layer for
// torch's CPU LSTM and does two small GEMMs per step in backward; here each layer is one
// autograd node: forward runs the recurrence, backward walks it in reverse with one small
// GEMM per step and then computes the weight gradients of all steps in one large GEMM each.
// docs/training.md ("Speed") has the measurement.
//
// The module stays a torch::nn::LSTM, so checkpoints, CUDA (cuDNN) and generation are
// unchanged: off the CPU, for non-float tensors or when disabled, lstm->forward runs.
#include <torch/torch.h>

#include <tuple>
#include <vector>

namespace cadenza::model {

using LstmState = std::tuple<torch::Tensor, torch::Tensor>;  // (h, c), each [layers, B, H]

// What lstm->forward(input, state) returns, computed by the fused layers on the CPU.
// input [B, T, I]; an undefined state means zeros.
std::tuple<torch::Tensor, LstmState> run_lstm(torch::nn::LSTM& lstm, const torch::Tensor& input,
                                              const LstmState& state = {});

// On by default (off when CADENZA_TORCH_LSTM is set in the environment); off makes run_lstm
// call lstm->forward (for A/B benchmarks and tests).
void set_fused_lstm_enabled(bool enabled);
bool fused_lstm_enabled();

// One layer on time-major tensors: x [T, B, I], h0 and c0 [B, H]. Returns {y [T, B, H],
// h_n [B, H], c_n [B, H]}; differentiable in every input. CPU, float32.
std::vector<torch::Tensor> fused_lstm_layer(const torch::Tensor& x, const torch::Tensor& h0,
                                            const torch::Tensor& c0, const torch::Tensor& w_ih,
                                            const torch::Tensor& w_hh, const torch::Tensor& b_ih,
                                            const torch::Tensor& b_hh);

}  // namespace cadenza::model
