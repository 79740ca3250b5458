#pragma once
// Genre guidance for a genre model: classifier-free guidance (Ho & Salimans 2022; for language
// models, Sanchez et al. 2023) with the model's own genres as the unconditional side. Every
// training window opened with its genre token, so the model has no unconditional reading; the
// mixture of its genres under a uniform prior is one: log p(x) = logsumexp_g log p(x|g) - log G.
// Each step draws from log p(x|asked) + w (log p(x|asked) - log p(x)), that is p(x|asked) times
// p(asked|x)^w: tokens the asked genre explains better than the others gain weight.
// w = 0 is plain conditional sampling. Costs one model step per genre per token.
#include <cstddef>
#include <memory>
#include <vector>

#include "generate/token_predictor.h"

namespace cadenza::generate {

// The weight a genre model generates with unless asked otherwise: the best measured one
// (docs/genre.md, "Genre guidance").
inline constexpr double kGenreModelGuidance = 2.0;

// `per_genre`: one predictor per genre of the model (each under its genre's condition), all
// fed the same tokens; `asked`: the index of the genre to write. Throws std::invalid_argument
// for fewer than two genres, `asked` out of range or a negative or non-finite weight.
std::unique_ptr<TokenPredictor> make_genre_guided_predictor(
    std::vector<std::unique_ptr<TokenPredictor>> per_genre, std::size_t asked, double weight);

// The guided log-probabilities of one step from each genre's logits (exposed for tests).
std::vector<float> guided_logits(const std::vector<std::vector<float>>& per_genre,
                                 std::size_t asked, double weight);

}  // namespace cadenza::generate
