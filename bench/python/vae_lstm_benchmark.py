#!/usr/bin/python3
"""The default VAE-LSTM of cadenza (src/model/vae_lstm.cpp) in Python PyTorch, for a
side-by-side speed comparison with the C++ trainer: the same layers, loss, optimizer, batch
and window, one thread. Prints training tokens per second.

    /usr/bin/python3 bench/python/vae_lstm_benchmark.py --steps 60

Needs Debian's python3-torch (apt-get install -y python3-torch); `python3` on PATH may be
another interpreter without torch.
"""
import argparse
import time

import torch
from torch import nn
import torch.nn.functional as F


class VaeLstm(nn.Module):
    def __init__(self, vocab, embedding=128, enc_hidden=128, enc_layers=1, dec_hidden=256,
                 dec_layers=2, latent=64, dropout=0.2):
        super().__init__()
        self.dec_layers, self.dec_hidden = dec_layers, dec_hidden
        self.embedding = nn.Embedding(vocab, embedding)
        self.encoder = nn.LSTM(embedding, enc_hidden, enc_layers, batch_first=True,
                               dropout=dropout if enc_layers > 1 else 0.0)
        self.to_mu = nn.Linear(enc_hidden, latent)
        self.to_logvar = nn.Linear(enc_hidden, latent)
        self.upscale = nn.Linear(latent, dec_hidden * dec_layers)
        self.decoder = nn.LSTM(embedding + latent, dec_hidden, dec_layers, batch_first=True,
                               dropout=dropout if dec_layers > 1 else 0.0)
        self.to_logits = nn.Linear(dec_hidden, vocab)
        self.dropout = nn.Dropout(dropout)

    def forward(self, examples):
        inputs, targets = examples[:, :-1], examples[:, 1:]
        outputs, _ = self.encoder(self.dropout(self.embedding(inputs)))
        summary = outputs[:, -1]
        mu, logvar = self.to_mu(summary), self.to_logvar(summary)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        batch, steps = inputs.shape
        dec_in = torch.cat([self.dropout(self.embedding(inputs)),
                            z.unsqueeze(1).expand(batch, steps, -1)], 2)
        h0 = torch.tanh(self.upscale(z)).view(batch, self.dec_layers, self.dec_hidden)
        h0 = h0.transpose(0, 1).contiguous()
        outputs, _ = self.decoder(dec_in, (h0, torch.zeros_like(h0)))
        logits = self.to_logits(self.dropout(outputs))
        return logits.reshape(-1, logits.size(2)), targets.reshape(-1), mu, logvar


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--vocab", type=int, default=787)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = VaeLstm(args.vocab)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    examples = torch.randint(0, args.vocab, (args.batch, args.window + 1))
    free_bits, per_example = 4.0, args.window

    def step():
        logits, targets, mu, logvar = model(examples)
        ce = F.cross_entropy(logits, targets)
        kl = (-0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(1)).mean()
        loss = ce + torch.clamp_min(kl, free_bits) / per_example
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    seconds = time.perf_counter() - start
    tokens = args.steps * args.batch * args.window
    print(f"python torch {torch.__version__}: {tokens / seconds:.0f} tokens/s "
          f"({seconds / args.steps * 1000:.1f} ms/step, batch {args.batch} x window {args.window}, "
          f"{args.threads} thread(s))")


if __name__ == "__main__":
    main()
