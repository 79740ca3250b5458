#include "model/fused_lstm.h"

#include <atomic>
#include <cstdlib>

namespace cadenza::model {
namespace {

using torch::Tensor;
using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// CADENZA_TORCH_LSTM=1 in the environment selects torch's own LSTM (for A/B runs of `cadenza
// train`).
std::atomic<bool> fused_enabled{std::getenv("CADENZA_TORCH_LSTM") == nullptr};

// Gate layout of PyTorch's LSTM weights: input, forget, cell (g), output; each H wide.
struct LstmLayerFunction : public torch::autograd::Function<LstmLayerFunction> {
  static variable_list forward(AutogradContext* ctx, const Tensor& x, const Tensor& h0,
                               const Tensor& c0, const Tensor& w_ih, const Tensor& w_hh,
                               const Tensor& b_ih, const Tensor& b_hh) {
    const auto steps = x.size(0), batch = x.size(1), inputs = x.size(2), hidden = h0.size(1);
    // Input projections of every step in one GEMM; the buffer then holds each step's
    // activated gates, which is what backward needs.
    Tensor gates = at::addmm(b_ih + b_hh, x.reshape({steps * batch, inputs}), w_ih.t())
                       .view({steps, batch, 4 * hidden});
    Tensor cells = at::empty({steps, batch, hidden}, x.options());
    Tensor cell_tanh = at::empty_like(cells);
    Tensor outputs = at::empty_like(cells);
    const Tensor w_hh_t = w_hh.t();
    Tensor h = h0.contiguous(), c = c0.contiguous();
    for (std::int64_t t = 0; t < steps; ++t) {
      Tensor g = gates[t];
      g.addmm_(h, w_hh_t);
      g.narrow(1, 0, 2 * hidden).sigmoid_();
      g.narrow(1, 2 * hidden, hidden).tanh_();
      g.narrow(1, 3 * hidden, hidden).sigmoid_();
      Tensor c_next = cells[t];
      const float* gp = g.data_ptr<float>();
      const float* cp = c.data_ptr<float>();
      float* cn = c_next.data_ptr<float>();
      for (std::int64_t b = 0; b < batch; ++b) {
        const float* gb = gp + b * 4 * hidden;
        for (std::int64_t j = 0; j < hidden; ++j)
          cn[b * hidden + j] = gb[hidden + j] * cp[b * hidden + j] + gb[j] * gb[2 * hidden + j];
      }
      Tensor tanh_t = cell_tanh[t], out_t = outputs[t];
      at::tanh_out(tanh_t, c_next);
      at::mul_out(out_t, tanh_t, g.narrow(1, 3 * hidden, hidden));
      h = outputs[t];
      c = c_next;
    }
    ctx->save_for_backward({x, h0, c0, w_ih, w_hh, outputs});
    ctx->saved_data["gates"] = gates;
    ctx->saved_data["cells"] = cells;
    ctx->saved_data["cell_tanh"] = cell_tanh;
    return {outputs, h.clone(), c.clone()};
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const Tensor &x = saved[0], &h0 = saved[1], &c0 = saved[2], &w_ih = saved[3], &w_hh = saved[4],
                 &outputs = saved[5];
    const Tensor gates = ctx->saved_data["gates"].toTensor();
    const Tensor cells = ctx->saved_data["cells"].toTensor();
    const Tensor cell_tanh = ctx->saved_data["cell_tanh"].toTensor();
    const auto steps = x.size(0), batch = x.size(1), inputs = x.size(2), hidden = h0.size(1);

    const Tensor d_outputs = grads[0].defined() ? grads[0].contiguous() : Tensor();
    Tensor dh = grads[1].defined() ? grads[1].clone().contiguous() : at::zeros_like(h0);
    Tensor dc = grads[2].defined() ? grads[2].clone().contiguous() : at::zeros_like(c0);
    Tensor d_gates = at::empty_like(gates);
    const Tensor c0_contiguous = c0.contiguous();
    for (std::int64_t t = steps - 1; t >= 0; --t) {
      const float* g = gates[t].data_ptr<float>();
      const float* tc = cell_tanh[t].data_ptr<float>();
      const float* c_prev = (t > 0 ? cells[t - 1] : c0_contiguous).data_ptr<float>();
      const float* dy = d_outputs.defined() ? d_outputs[t].data_ptr<float>() : nullptr;
      float* dg = d_gates[t].data_ptr<float>();
      float* dhp = dh.data_ptr<float>();
      float* dcp = dc.data_ptr<float>();
      for (std::int64_t b = 0; b < batch; ++b) {
        const std::int64_t row = b * 4 * hidden;
        for (std::int64_t j = 0; j < hidden; ++j) {
          const std::int64_t k = b * hidden + j;
          const float i = g[row + j], f = g[row + hidden + j], cg = g[row + 2 * hidden + j],
                      o = g[row + 3 * hidden + j];
          const float dh_k = dhp[k] + (dy ? dy[k] : 0.0f);
          const float dc_k = dcp[k] + dh_k * o * (1.0f - tc[k] * tc[k]);
          dg[row + j] = dc_k * cg * i * (1.0f - i);
          dg[row + hidden + j] = dc_k * c_prev[k] * f * (1.0f - f);
          dg[row + 2 * hidden + j] = dc_k * i * (1.0f - cg * cg);
          dg[row + 3 * hidden + j] = dh_k * tc[k] * o * (1.0f - o);
          dcp[k] = dc_k * f;  // the cell gradient one step back
        }
      }
      at::mm_out(dh, d_gates[t], w_hh);  // the hidden-state gradient one step back
    }
    // Every step's weight and input gradients at once.
    const Tensor dg_rows = d_gates.view({steps * batch, 4 * hidden});
    const Tensor previous_h = at::cat({h0.unsqueeze(0), outputs.narrow(0, 0, steps - 1)}, 0)
                                  .view({steps * batch, hidden});
    Tensor dx = dg_rows.mm(w_ih).view({steps, batch, inputs});
    Tensor dw_ih = dg_rows.t().mm(x.reshape({steps * batch, inputs}));
    Tensor dw_hh = dg_rows.t().mm(previous_h);
    Tensor db = dg_rows.sum(0);
    return {dx, dh, dc, dw_ih, dw_hh, db, db.clone()};
  }
};

}  // namespace

void set_fused_lstm_enabled(bool enabled) { fused_enabled = enabled; }
bool fused_lstm_enabled() { return fused_enabled; }

std::vector<torch::Tensor> fused_lstm_layer(const torch::Tensor& x, const torch::Tensor& h0,
                                            const torch::Tensor& c0, const torch::Tensor& w_ih,
                                            const torch::Tensor& w_hh, const torch::Tensor& b_ih,
                                            const torch::Tensor& b_hh) {
  TORCH_CHECK(x.dim() == 3 && x.size(0) > 0, "fused LSTM: x must be [T > 0, B, I]");
  return LstmLayerFunction::apply(x.contiguous(), h0, c0, w_ih, w_hh, b_ih, b_hh);
}

std::tuple<torch::Tensor, LstmState> run_lstm(torch::nn::LSTM& lstm, const torch::Tensor& input,
                                              const LstmState& state) {
  const auto& options = lstm->options;
  const bool fused = fused_enabled && input.device().is_cpu() &&
                     input.scalar_type() == torch::kFloat && options.batch_first() &&
                     !options.bidirectional() && options.bias() && options.proj_size() == 0 &&
                     input.dim() == 3 && input.size(1) > 0;
  if (!fused) {
    if (!std::get<0>(state).defined()) return lstm->forward(input);
    return lstm->forward(input, state);
  }
  const auto layers = options.num_layers(), hidden = options.hidden_size();
  const auto batch = input.size(0);
  const std::vector<torch::Tensor> weights = lstm->all_weights();
  auto [h0, c0] = state;
  if (!h0.defined()) h0 = torch::zeros({layers, batch, hidden}, input.options());
  if (!c0.defined()) c0 = torch::zeros({layers, batch, hidden}, input.options());
  torch::Tensor x = input.transpose(0, 1);  // time-major, so each step is one contiguous block
  std::vector<torch::Tensor> h_n, c_n;
  for (std::int64_t l = 0; l < layers; ++l) {
    if (l > 0 && options.dropout() > 0 && lstm->is_training())
      x = torch::dropout(x, options.dropout(), /*train=*/true);
    auto out = fused_lstm_layer(x, h0[l], c0[l], weights[4 * l], weights[4 * l + 1],
                                weights[4 * l + 2], weights[4 * l + 3]);
    x = out[0];
    h_n.push_back(out[1]);
    c_n.push_back(out[2]);
  }
  return {x.transpose(0, 1), {torch::stack(h_n), torch::stack(c_n)}};
}

}  // namespace cadenza::model
