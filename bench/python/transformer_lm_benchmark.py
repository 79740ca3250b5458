#!/usr/bin/python3
"""cadenza's decoder-only Transformer (src/model/transformer_lm.cpp) in Python PyTorch, for a
side-by-side training-speed comparison with `cadenza train --model transformer`: the same
layers (pre-norm blocks, rotary positions, GELU feed-forward, tied output), loss, Adam,
gradient clipping, batch and context. Written as a PyTorch user would (minGPT style).
Prints training tokens per second.

    /usr/bin/python3 bench/python/transformer_lm_benchmark.py --steps 10 --threads 1

Needs Debian's python3-torch (1.13); `python3` on PATH may be another interpreter.
"""
import argparse
import math
import time

import torch
from torch import nn
import torch.nn.functional as F


def rotary_tables(length, head_dim):
    inv = 10000.0 ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    angles = torch.outer(torch.arange(length, dtype=torch.float64), inv)
    angles = torch.cat([angles, angles], -1)
    return angles.cos().float(), angles.sin().float()


def rotate(x, cos, sin):
    half = x.size(-1) // 2
    return x * cos + torch.cat([-x[..., half:], x[..., :half]], -1) * sin


class Attention(nn.Module):
    def __init__(self, dim, heads, dropout):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, cos, sin, mask):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.heads)
        scores = scores.masked_fill(mask, float("-inf"))
        mixed = self.dropout(scores.softmax(-1)) @ v
        return self.out(mixed.transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, dim, heads, ff, dropout):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attention = Attention(dim, heads, dropout)
        self.ff_in, self.ff_out = nn.Linear(dim, ff), nn.Linear(ff, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, cos, sin, mask):
        x = x + self.dropout(self.attention(self.norm1(x), cos, sin, mask))
        return x + self.dropout(self.ff_out(F.gelu(self.ff_in(self.norm2(x)))))


class TransformerLm(nn.Module):
    def __init__(self, vocab, dim, heads, ff, blocks, context, dropout):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim)
        nn.init.normal_(self.embedding.weight, 0.0, 0.02)
        self.blocks = nn.ModuleList(Block(dim, heads, ff, dropout) for _ in range(blocks))
        self.norm = nn.LayerNorm(dim)
        self.dropout = nn.Dropout(dropout)
        cos, sin = rotary_tables(context, dim // heads)
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)
        mask = torch.ones(context, context, dtype=torch.bool).triu(1)
        self.register_buffer("mask", mask, persistent=False)

    def forward(self, ids):
        t = ids.size(1)
        x = self.dropout(self.embedding(ids))
        for block in self.blocks:
            x = block(x, self.cos[:t], self.sin[:t], self.mask[:t, :t])
        return self.norm(x) @ self.embedding.weight.t()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--window", type=int, default=1024)
    parser.add_argument("--vocab", type=int, default=407)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--ff", type=int, default=1024)
    parser.add_argument("--blocks", type=int, default=4)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = TransformerLm(args.vocab, args.dim, args.heads, args.ff, args.blocks, args.window, 0.1)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    examples = torch.randint(0, args.vocab, (args.batch, args.window + 1))

    def step():
        logits = model(examples[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), examples[:, 1:].reshape(-1))
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
    print(f"python transformer: {tokens / seconds:.0f} tokens/s ({args.steps} steps of "
          f"{args.batch}x{args.window}, {seconds / args.steps:.3f} s/step, "
          f"{args.threads} thread(s), torch {torch.__version__})")


if __name__ == "__main__":
    main()
