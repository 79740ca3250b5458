#pragma once
// The model side of token-by-token generation, one sequence at a time, without torch in the
// header: feed the tokens so far, get the logits of the next one.
//  - the decoder-only transformer keeps a key/value cache, so each token costs one position;
//    when the cache is full it starts again from the last bars that fill half of it;
//  - a VAE reads the last `window` tokens with one latent z fixed for the whole piece: the mean
//    of the tokens given to start() (a one-shot style: new music in the latent of one piece),
//    or one given to make_latent_predictor() (interpolation).
#include <cstdint>
#include <memory>
#include <vector>

namespace cadenza::model {
struct LoadedModel;
}

namespace cadenza::generate {

class TokenPredictor {
 public:
  virtual ~TokenPredictor() = default;
  // Forgets everything and reads `history` (at least one token); returns the next logits.
  virtual std::vector<float> start(const std::vector<std::int64_t>& history) = 0;
  // Appends one token; returns the logits of the token after it.
  virtual std::vector<float> push(std::int64_t id) = 0;
};

// For the model `loaded` holds (it must outlive the predictor). `bar_id`: the id of REMI's
// Bar token, where the transformer restarts its context (-1: anywhere). `condition`: ids that
// open the transformer's context before the history, whenever it starts again (a genre
// model's genre token: what opened every training window); not part of the history.
std::unique_ptr<TokenPredictor> make_token_predictor(model::LoadedModel& loaded,
                                                     std::int64_t bar_id = -1,
                                                     std::vector<std::int64_t> condition = {});

// A VAE's predictor whose latent stays `z` (the latent values of one piece: the mu that
// encode() gives, [1, latent]) whatever start() reads: a point on the line between two pieces'
// latents. Throws std::invalid_argument for a model without a latent (transformer, lstm) or a
// `z` of another size.
std::unique_ptr<TokenPredictor> make_latent_predictor(model::LoadedModel& loaded,
                                                      const std::vector<float>& z);

}  // namespace cadenza::generate
