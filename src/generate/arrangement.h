#pragma once
// `cadenza generate` for a model trained on REMI tokens (compose() hands it over): options ->
// arrange() -> multi-track MIDI, piano roll, tokens and WAV per piece (write_score_piece);
// `cadenza interpolate` for a REMI VAE likewise (interpolate() hands it over).
#include <functional>
#include <string>
#include <vector>

#include "generate/compose.h"
#include "score/score.h"

namespace cadenza::model {
struct LoadedModel;
}

namespace cadenza::generate {

// One piece arrange_pieces() made: its REMI tokens and the score they decode to.
struct ArrangedPiece {
  std::vector<std::string> tokens;
  score::Score score;
  std::size_t generated = 0;  // tokens drawn from the model (the rest is the prime)
  double seconds = 0;         // spent generating it
};

// The pieces of `options` (arrangement, prime, sampling, seed, count; not output, piece, source
// other than its checkpoint's name in messages), each handed to `take` as it is made; writes no
// file (the Python module's Model.generate). Lines worth telling the user go to `notes`.
void arrange_pieces(const ComposeOptions& options, model::LoadedModel& loaded,
                    const std::function<void(ArrangedPiece)>& take,
                    std::vector<std::string>& notes);

ComposeResult compose_arrangement(const ComposeOptions& options, model::LoadedModel& loaded);

// `cadenza interpolate` for a REMI VAE: pieces of options.arrangement's bars (and instruments,
// tempo, time signature) from z = mu_a + t (mu_b - mu_a), t = i / (steps - 1), mu of each
// file's first window, one piece per path in `paths` (at least two); the same sampler seed for
// every step. The model must have a latent (make_latent_predictor).
ComposeResult interpolate_arrangement(const InterpolateOptions& options, model::LoadedModel& loaded,
                                      const std::vector<fs::path>& paths);

}  // namespace cadenza::generate
