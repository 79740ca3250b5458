#!/usr/bin/env bash
# Training speed of the decoder-only Transformer (the shipped model's shape: width 256, 4 blocks,
# 4 heads, feed-forward 1,024, context 1,024, batch 8) in `cadenza train` and in Python PyTorch
# (bench/python/transformer_lm_benchmark.py, Debian's python3-torch), side by side in one run,
# alternating, the same threads. cadenza's figure is the tokens/s of its second epoch (the first
# warms up), Python's is timed after two warm-up steps.
#   bench/train_transformer.sh [threads] [rounds] [steps]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CADENZA_BUILD_DIR:-$root/build}"
threads="${1:-2}"
rounds="${2:-2}"
steps="${3:-6}"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}/midi"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/app/cadenza" tokenize --format remi "$data/kaggle_jazz_subset_lstm_music" \
  -o "$work/remi.txt" > /dev/null
echo "threads $threads, $steps steps of 8 x 1024 tokens per measurement; load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  "$build/app/cadenza-torch" train --model transformer --corpus "$work/remi.txt" \
    -o "$work/model.cdz" --epochs 2 --max-steps-per-epoch "$steps" --batch-size 8 --lr 1e-3 \
    --max-validation-windows 1 --patience 0 --threads "$threads" 2>/dev/null |
    grep '^epoch 2/' | sed 's/.*| \([0-9]*\) tokens\/s.*/cadenza: \1 tokens\/s/'
  rm -f "$work"/model*
  OPENBLAS_NUM_THREADS="$threads" /usr/bin/python3 "$root/bench/python/transformer_lm_benchmark.py" \
    --steps "$steps" --threads "$threads" | sed 's/^python transformer:/python: /'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
