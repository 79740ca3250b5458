#pragma once
// Every shape and loss setting of a model, as plain data (no torch here). Saved as JSON inside
// checkpoints, so a checkpoint rebuilds exactly the model that wrote it.
#include <cstdint>
#include <string>

namespace cadenza::model {

struct ModelConfig {
  // "vae-lstm", "vae-transformer", "transformer" (decoder-only) or "lstm" (plain LSTM LM)
  std::string kind = "vae-lstm";
  // The tokens the model reads: "paper" (the paper's note/chord names, vocabulary from the
  // corpus) or "remi" (MidiTok's REMI+ of every track, MidiTok's 407 ids).
  std::string tokens = "paper";
  // paper = the paper's exact model: scaled ids (LSTM) / one-hot reconstruction (Transformer),
  // no teacher forcing, no causal mask, plain CE + KL. Otherwise the defaults that learn.
  bool paper = false;
  std::int64_t vocab_size = 0;
  std::int64_t window = 100;  // input tokens per example
  std::int64_t latent = 64;   // latent dims (per sequence; per position for the paper Transformer)
  std::int64_t embedding = 128;
  // VAE-LSTM
  std::int64_t encoder_hidden = 128, encoder_layers = 1;
  std::int64_t decoder_hidden = 256, decoder_layers = 2;
  // VAE-Transformer; the decoder-only "transformer" uses model_dim, heads, feed_forward and
  // decoder_blocks, rotary positions, and window as its training context
  std::int64_t model_dim = 128, heads = 4, feed_forward = 512;
  std::int64_t encoder_blocks = 1, decoder_blocks = 2;
  double dropout = 0.2;
  // Loss: total = CE + beta * max(KL, free_bits) / predicted tokens per sequence, with beta
  // rising linearly from 0 to 1 over kl_anneal_steps optimizer steps (0 = always 1).
  double free_bits = 4.0;  // nats per sequence
  std::int64_t kl_anneal_steps = 500;

  // Examples carry window + 1 tokens: the input window and the token after it.
  std::int64_t example_length() const { return window + 1; }
  void validate() const;  // throws std::invalid_argument naming the bad field
};

std::string to_json(const ModelConfig& config);
// Throws std::invalid_argument naming the missing or mistyped field.
ModelConfig model_config_from_json(const std::string& json);

// The paper's shapes (PAPER.md section 2) for `kind`; vocab_size stays 0 (filled from data).
ModelConfig paper_preset(const std::string& kind);
ModelConfig default_preset(const std::string& kind);

}  // namespace cadenza::model
