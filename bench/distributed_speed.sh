#!/usr/bin/env bash
# Data-parallel training speed on this machine (docs/distributed.md): tokens/s of one process,
# of `--nproc 2` with the gradient all-reduce after backward, and of `--nproc 2
# --overlap-allreduce on`, each with DDP's 25 MiB buckets and with 0.25 MiB ones, side by side
# in one run, alternating, for the default VAE-LSTM on the paper's tokens and a small
# decoder-only Transformer on REMI tokens. Every process runs one
# torch thread and one OpenBLAS thread. The figure is the epoch's train tokens/s (rank 0's).
#   bench/distributed_speed.sh [rounds] [steps]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CADENZA_BUILD_DIR:-$root/build}"
rounds="${1:-2}"
steps="${2:-15}"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/app/cadenza" tokenize --format remi "$data/midi/kaggle_jazz_subset_lstm_music" \
  -o "$work/remi.txt" > /dev/null
lstm=(--model vae-lstm --corpus "$data/tokens/jazz.txt")
transformer=(--model transformer --corpus "$work/remi.txt" --window 256 --model-dim 128 --heads 4
  --feed-forward 512 --decoder-blocks 2 --batch-size 16)
common=(--epochs 1 --max-steps-per-epoch "$steps" --max-validation-windows 16 --patience 0
  --threads 1 --blas-threads 1)
speed() {  # label, arguments...
  local label="$1"
  shift
  "$build/app/cadenza" train "$@" "${common[@]}" -o "$work/m.cdz" 2>/dev/null |
    sed -n "s/^epoch 1\/1:.*| \([0-9]*\) tokens\/s.*/$label: \1 tokens\/s/p"
  rm -f "$work"/m.*
}
echo "uptime before: $(uptime)"
for round in $(seq "$rounds"); do
  for model in lstm transformer; do
    declare -n args="$model"
    speed "round $round $model 1 process" "${args[@]}"
    for overlap in off on; do
      for mb in 25 0.25; do
        speed "round $round $model --nproc 2 --overlap-allreduce $overlap --bucket-mb $mb" \
          "${args[@]}" --nproc 2 --overlap-allreduce $overlap --bucket-mb $mb
      done
    done
  done
done
echo "uptime after: $(uptime)"
