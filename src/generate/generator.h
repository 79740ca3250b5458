#pragma once
// The paper's generation loop (PAPER.md section 3) on a trained VAE: start from a window of
// tokens, then `length` times predict the next token, append it and drop the first. Each
// step's logits come from
//  - next_token_logits(window): z = mu of the current window (the paper's procedure), or
//  - decode(z, window) with one z fixed for the whole piece: z ~ N(0, I) (--from-prior) or a
//    point on the line between two pieces' latents (interpolation).
// Pieces of one call run as a batch; the sampler draws for row 0, then row 1, ... each step.
#include <torch/torch.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "generate/options.h"
#include "generate/sampling.h"
#include "model/vae_model.h"

namespace cadenza::generate {

using Ids = std::vector<std::int64_t>;

// The context the model reads: the last min(window, size) tokens of `ids`.
Ids context_of(const Ids& ids, std::int64_t window);

// Throws std::invalid_argument unless 0 <= length <= limits::kMaxGenerateLength.
void check_length(std::int64_t length);

// Generates options.length tokens after each seed (all seeds must have the same length).
// `z`, when given, is [pieces, ...] with the shape encode() gives for these seeds and is used
// for every step; otherwise each step re-encodes its window (unless options.fast). Returns
// the new tokens only. Long runs show a progress line on a terminal.
std::vector<Ids> generate_pieces(model::VaeModelImpl& model, const std::vector<Ids>& seeds,
                                 const GenerationOptions& options, Sampler& sampler,
                                 const std::optional<torch::Tensor>& z = std::nullopt);

// mu of each seed (same lengths), as encode() gives it.
torch::Tensor encode_means(model::VaeModelImpl& model, const std::vector<Ids>& seeds);
// A tensor of the given shape filled with N(0, 1) draws from `sampler` (row-major order).
torch::Tensor sample_prior(at::IntArrayRef shape, Sampler& sampler);

// A random window of `window` tokens from the sequences (each start equally likely over all
// sequences that hold a whole window). Throws std::invalid_argument when none does.
Ids random_window(const std::vector<Ids>& sequences, std::int64_t window, Sampler& sampler);

// `steps` pieces along the line from a's first window's mu to b's (steps >= 2; t = i/(steps-1)).
// Each piece starts from the seed window of the nearer end (a for t <= 0.5) and uses the same
// sampler seed, so neighbouring pieces differ through z alone.
std::vector<Ids> interpolate_pieces(model::VaeModelImpl& model, const Ids& a, const Ids& b,
                                    int steps, const GenerationOptions& options,
                                    std::uint64_t seed);

}  // namespace cadenza::generate
