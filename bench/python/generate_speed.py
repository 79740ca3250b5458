#!/usr/bin/env python3
"""Generating from Python against the command line, and the cost of position-independent code
(the libraries cadenza._torch links are built as PIC, the objects `cadenza-torch` links too).
The same piece (shipped jazz model, --bars BARS, seed 3) made, alternating, REPEATS times by:
  - a `cadenza-torch` built without PIC (e.g. the main checkout's build),
  - this build's `cadenza-torch` (PIC),
  - this build's module: load_model() once, then Model.generate() in the same process.
Reports the median generation seconds (what `generate` prints as "generation took", and the
time of Model.generate()) and checks the three give the same tokens.

    PYTHONPATH=build/python /usr/bin/python3 bench/python/generate_speed.py \\
        /work/main/build/app/cadenza-torch build/app/cadenza-torch [--bars 16] [--repeats 5]
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import tempfile
import time

import cadenza

parser = argparse.ArgumentParser()
parser.add_argument("without_pic")
parser.add_argument("with_pic")
parser.add_argument("--bars", type=int, default=16)
parser.add_argument("--repeats", type=int, default=5)
parser.add_argument("--seed", type=int, default=3)
args = parser.parse_args()

work = pathlib.Path(tempfile.mkdtemp(prefix="generate_speed_"))
programs = {"cadenza-torch without PIC": args.without_pic, "cadenza-torch with PIC": args.with_pic}
seconds = {name: [] for name in [*programs, "Python Model.generate()"]}
walls = {name: [] for name in programs}
tokens = {}

start = time.perf_counter()
model = cadenza.load_model()
load_seconds = time.perf_counter() - start

for _ in range(args.repeats):
    for name, program in programs.items():
        out = work / "piece.mid"
        start = time.perf_counter()
        result = subprocess.run([program, "generate", "--bars", str(args.bars), "--seed",
                                 str(args.seed), "--no-png", "--threads", "1", "-o", str(out)],
                                capture_output=True, text=True, check=True)
        walls[name].append(time.perf_counter() - start)
        seconds[name].append(float(re.search(r"generation took ([0-9.]+) s", result.stdout + result.stderr).group(1)))
        tokens[name] = (work / "piece.tokens.txt").read_text().split()
    start = time.perf_counter()
    (piece,) = model.generate(bars=args.bars, seed=args.seed, threads=1)
    seconds["Python Model.generate()"].append(time.perf_counter() - start)
    tokens["Python Model.generate()"] = piece.tokens

reference = tokens["cadenza-torch without PIC"]
print(f"{args.bars} bars, seed {args.seed}: {len(reference)} tokens; median of {args.repeats}")
print(f"load_model() once: {load_seconds:.3f} s")
base = statistics.median(seconds["cadenza-torch without PIC"])
for name, values in seconds.items():
    wall = f", whole process {statistics.median(walls[name]):.3f} s" if name in walls else ""
    same = "same tokens" if tokens[name] == reference else "DIFFERENT TOKENS"
    print(f"{name}: generation {statistics.median(values):.3f} s "
          f"({statistics.median(values) / base:.2f}x){wall}; {same}")
