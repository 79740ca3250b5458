#include "model/transformer_lm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace cadenza::model {
namespace {

// Rotates each (first half, second half) pair of the last dimension by the position's angles:
// x * cos + rotate_half(x) * sin, with rotate_half(a, b) = (-b, a).
torch::Tensor apply_rotary(const torch::Tensor& x, const torch::Tensor& cos,
                           const torch::Tensor& sin) {
  const std::int64_t half = x.size(-1) / 2;
  torch::Tensor first = x.narrow(-1, 0, half), second = x.narrow(-1, half, half);
  return x * cos + torch::cat({-second, first}, -1) * sin;
}

// One token of one sequence (generation with the cache): a matrix-vector product. OpenBLAS's
// matrix-matrix product packs the whole weight matrix on every call, which made it 3-4 times
// slower than the arithmetic for a single row (docs/arrangements.md, "Speed").
torch::Tensor linear(torch::nn::Linear& layer, const torch::Tensor& x) {
  if (x.numel() != x.size(-1)) return layer(x);
  std::vector<std::int64_t> shape = x.sizes().vec();
  shape.back() = layer->weight.size(0);
  return torch::addmv(layer->bias, layer->weight, x.reshape({-1})).view(shape);
}

// Attention of one new query over the cached keys and values, head by head as matrix-vector
// products. q: [1, H, 1, D]; keys, values: [1, H, L, D]. Returns [1, 1, H * D].
torch::Tensor attend_one(const torch::Tensor& q, const torch::Tensor& keys,
                         const torch::Tensor& values, double scale) {
  const std::int64_t heads = q.size(1);
  std::vector<torch::Tensor> mixed;
  for (std::int64_t h = 0; h < heads; ++h) {
    torch::Tensor weights = torch::softmax(torch::mv(keys[0][h], q[0][h][0]).mul_(scale), 0);
    mixed.push_back(torch::mv(values[0][h].t(), weights));
  }
  return torch::cat(mixed).view({1, 1, -1});
}

// Attention score slices stay below glibc's largest mmap threshold (see forward()).
constexpr std::int64_t kSliceBytes = 24 << 20;
constexpr std::int64_t kQueryBlock = 128;

}  // namespace

torch::Tensor CausalSelfAttentionImpl::causal_bias(std::int64_t count, std::int64_t visible,
                                                   const torch::Device& device) {
  // One [K, K] table, 0 on and below the diagonal, -inf above; the block of `count` queries
  // that see `visible` keys (query i at position visible - count + i) is a window of it.
  if (!bias_.defined() || bias_.size(0) < visible || bias_.device() != device) {
    const std::int64_t size = std::max<std::int64_t>(visible, 1024);
    bias_ = torch::zeros({size, size})
                .masked_fill(torch::ones({size, size}, torch::kBool).triu(1),
                             -std::numeric_limits<float>::infinity())
                .to(device);
  }
  return bias_.narrow(0, visible - count, count).narrow(1, 0, visible);
}

CausalSelfAttentionImpl::CausalSelfAttentionImpl(std::int64_t dim, std::int64_t heads,
                                                 double /*dropout_rate*/)
    : heads_(heads) {
  qkv = register_module("qkv", torch::nn::Linear(dim, 3 * dim));
  out = register_module("out", torch::nn::Linear(dim, dim));
}

torch::Tensor CausalSelfAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos,
                                               const torch::Tensor& sin, torch::Tensor* cache_keys,
                                               torch::Tensor* cache_values, std::int64_t start) {
  const std::int64_t batch = x.size(0), length = x.size(1), dim = x.size(2);
  const std::int64_t head_dim = dim / heads_;
  // [B, T, 3, H, D] -> three [B, H, T, D]
  torch::Tensor parts =
      linear(qkv, x).view({batch, length, 3, heads_, head_dim}).permute({2, 0, 3, 1, 4});
  torch::Tensor q = apply_rotary(parts[0], cos, sin);
  torch::Tensor k = apply_rotary(parts[1], cos, sin);
  torch::Tensor v = parts[2];
  std::int64_t keys_length = length;
  if (cache_keys) {
    cache_keys->narrow(2, start, length).copy_(k);
    cache_values->narrow(2, start, length).copy_(v);
    keys_length = start + length;
    k = cache_keys->narrow(2, 0, keys_length);
    v = cache_values->narrow(2, 0, keys_length);
    if (batch == 1 && length == 1)
      return linear(out, attend_one(q, k, v, 1.0 / std::sqrt(double(head_dim))));
  }
  // Causal attention in blocks: rows of the batch (so no score block reaches glibc's mmap
  // threshold: each larger block would be a fresh mmap whose pages fault in on every step) and
  // blocks of kQueryBlock queries, each reading only the keys up to its last query (so about
  // half of the score matrix above the diagonal is never computed). No dropout on the
  // attention weights: at a 1,024-token context drawing that mask cost more than the scores
  // (docs/arrangements.md, "Speed").
  const double scale = 1.0 / std::sqrt(double(head_dim));
  const std::int64_t past = keys_length - length;  // cached positions before the queries
  const std::int64_t row_bytes = heads_ * std::min(length, kQueryBlock) * keys_length * 4;
  const std::int64_t rows =
      std::max<std::int64_t>(1, kSliceBytes / std::max<std::int64_t>(1, row_bytes));
  std::vector<torch::Tensor> row_slices;
  for (std::int64_t first = 0; first < batch; first += rows) {
    const std::int64_t n = std::min(rows, batch - first);
    torch::Tensor qs = q.narrow(0, first, n).reshape({n * heads_, length, head_dim});
    torch::Tensor ks = k.narrow(0, first, n).reshape({n * heads_, keys_length, head_dim});
    torch::Tensor vs = v.narrow(0, first, n).reshape({n * heads_, keys_length, head_dim});
    std::vector<torch::Tensor> blocks;
    for (std::int64_t q0 = 0; q0 < length; q0 += kQueryBlock) {
      const std::int64_t count = std::min(kQueryBlock, length - q0);
      const std::int64_t visible = past + q0 + count;  // keys the block's last query sees
      torch::Tensor qb = qs.narrow(1, q0, count);
      torch::Tensor kb = ks.narrow(1, 0, visible).transpose(1, 2);
      // [n * H, count, visible] = scale * q k^T + bias, one fused product
      torch::Tensor scores = count == 1
                                 ? torch::bmm(qb, kb).mul_(scale)
                                 : torch::baddbmm(causal_bias(count, visible, x.device()), qb, kb,
                                                  /*beta=*/1, /*alpha=*/scale);
      blocks.push_back(torch::bmm(torch::softmax(scores, -1), vs.narrow(1, 0, visible)));
    }
    torch::Tensor mixed_rows = blocks.size() == 1 ? blocks[0] : torch::cat(blocks, 1);
    row_slices.push_back(mixed_rows.view({n, heads_, length, head_dim}));
  }
  torch::Tensor mixed = (row_slices.size() == 1 ? row_slices[0] : torch::cat(row_slices, 0))
                            .transpose(1, 2)
                            .reshape({batch, length, dim});
  return linear(out, mixed);
}

DecoderBlockImpl::DecoderBlockImpl(std::int64_t dim, std::int64_t heads, std::int64_t feed_forward,
                                   double dropout_rate) {
  norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  attention = register_module("attention", CausalSelfAttention(dim, heads, dropout_rate));
  norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  ff_in = register_module("ff_in", torch::nn::Linear(dim, feed_forward));
  ff_out = register_module("ff_out", torch::nn::Linear(feed_forward, dim));
  dropout = register_module("dropout", torch::nn::Dropout(dropout_rate));
}

torch::Tensor DecoderBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& cos,
                                        const torch::Tensor& sin, torch::Tensor* cache_keys,
                                        torch::Tensor* cache_values, std::int64_t start) {
  torch::Tensor h =
      x + dropout(attention->forward(norm1(x), cos, sin, cache_keys, cache_values, start));
  return h + dropout(linear(ff_out, torch::gelu(linear(ff_in, norm2(h)))));
}

TransformerLmImpl::TransformerLmImpl(const ModelConfig& config) : VaeModelImpl(config) {
  const std::int64_t dim = config.model_dim;
  embedding = register_module("embedding", torch::nn::Embedding(config.vocab_size, dim));
  torch::nn::init::normal_(embedding->weight, 0.0, 0.02);
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (std::int64_t b = 0; b < config.decoder_blocks; ++b)
    blocks->push_back(DecoderBlock(dim, config.heads, config.feed_forward, config.dropout));
  final_norm =
      register_module("final_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
  dropout = register_module("dropout", torch::nn::Dropout(config.dropout));

  if ((dim / config.heads) % 2 != 0)
    throw std::invalid_argument(
        "model config: model_dim / heads must be even for rotary "
        "positions, got " +
        std::to_string(dim / config.heads));
}

std::pair<torch::Tensor, torch::Tensor> TransformerLmImpl::rotary(std::int64_t start,
                                                                  std::int64_t count,
                                                                  const torch::Device& device) {
  // Computed, not stored in the checkpoint: angles position * 10000^(-2i/D) for i < D/2,
  // repeated for both halves, in double precision, for at least twice the needed positions.
  if (rotary_cos.defined() && rotary_cos.device() != device) rotary_cos = torch::Tensor();
  if (!rotary_cos.defined() || rotary_cos.size(0) < start + count) {
    const std::int64_t head_dim = config_.model_dim / config_.heads;
    const std::int64_t positions = std::max<std::int64_t>(2 * (start + count), config_.window);
    torch::Tensor inverse_frequency =
        torch::pow(10000.0, -torch::arange(0, head_dim, 2, torch::kFloat64) / double(head_dim));
    torch::Tensor angles =
        torch::outer(torch::arange(positions, torch::kFloat64), inverse_frequency);
    angles = torch::cat({angles, angles}, -1);
    rotary_cos = angles.cos().to(torch::kFloat32).to(device);
    rotary_sin = angles.sin().to(torch::kFloat32).to(device);
  }
  return {rotary_cos.narrow(0, start, count), rotary_sin.narrow(0, start, count)};
}

torch::Tensor TransformerLmImpl::run(const torch::Tensor& ids, KvCache* cache) {
  const std::int64_t start = cache ? cache->length : 0;
  const std::int64_t length = ids.size(1);
  if (cache && start + length > cache->capacity)
    throw std::length_error("transformer: the key/value cache holds " +
                            std::to_string(cache->capacity) + " positions, " +
                            std::to_string(start + length) + " asked for");
  auto [cos, sin] = rotary(start, length, ids.device());
  torch::Tensor x = dropout(embedding(ids));
  for (std::size_t b = 0; b < blocks->size(); ++b) {
    torch::Tensor* keys = cache ? &cache->keys[b] : nullptr;
    torch::Tensor* values = cache ? &cache->values[b] : nullptr;
    x = blocks->at<DecoderBlockImpl>(b).forward(x, cos, sin, keys, values, start);
  }
  if (cache) cache->length += length;
  x = final_norm(x);
  if (x.numel() == x.size(-1))  // one token: a matrix-vector product (see linear())
    return torch::mv(embedding->weight, x.reshape({-1})).view({1, 1, -1});
  return torch::matmul(x, embedding->weight.t());  // tied output projection
}

std::pair<torch::Tensor, torch::Tensor> TransformerLmImpl::encode(const torch::Tensor& window) {
  torch::Tensor empty = torch::zeros({window.size(0), 0}, embedding->weight.options());
  return {empty, empty};
}

torch::Tensor TransformerLmImpl::decode(const torch::Tensor& /*z*/, const torch::Tensor& window) {
  return run(window, nullptr);
}

torch::Tensor TransformerLmImpl::targets(const torch::Tensor& examples,
                                         const torch::Tensor& /*inputs*/) {
  return examples.narrow(1, 1, examples.size(1) - 1).reshape({-1});
}

KvCache TransformerLmImpl::new_cache(std::int64_t batch, std::int64_t capacity) const {
  KvCache cache;
  cache.capacity = capacity > 0 ? capacity : config_.window;
  const std::int64_t head_dim = config_.model_dim / config_.heads;
  for (std::size_t b = 0; b < blocks->size(); ++b) {
    cache.keys.push_back(torch::zeros({batch, config_.heads, cache.capacity, head_dim},
                                      embedding->weight.options()));
    cache.values.push_back(torch::zeros_like(cache.keys.back()));
  }
  return cache;
}

torch::Tensor TransformerLmImpl::extend(const torch::Tensor& ids, KvCache& cache) {
  torch::Tensor logits = run(ids, &cache);
  return logits.select(1, logits.size(1) - 1);
}

}  // namespace cadenza::model
