#!/bin/sh
# One train-cnn experiment under --protocol by-block, then its row of the docs' experiment table.
#   bench/cnn/block_experiments.sh BUILD OUT NAME SEED [train-cnn options...]
# e.g. bench/cnn/block_experiments.sh build /tmp/cnnexp wd1e-2 42 --weight-decay 1e-2
# Runs niced with one torch thread (the default), so experiments on the shared machine run one
# at a time; the JSON goes to OUT/NAME.SEED.json and the row is appended to OUT/table.md.
set -eu
build=$1 out=$2 name=$3 seed=$4
shift 4
G=${CADENZA_SHARED_DATA:-$(dirname "$0")/../../../shared/data}/gtzan
mkdir -p "$out"
nice -n 5 "$build/app/cadenza" classify train-cnn --audio "$G/audio" --protocol by-block \
    --seed "$seed" -o "$out/$name.$seed.cdz" --json "$@" > "$out/$name.$seed.json" \
    2> "$out/$name.$seed.log"
/usr/bin/python3 - "$out/$name.$seed.json" "$name" "$seed" "$*" >> "$out/table.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"| {sys.argv[2]} (`{sys.argv[4]}`) | {sys.argv[3]} | {r['windows']['accuracy']:.3f} | "
      f"{r['songs']['accuracy']:.3f} ({round(r['songs']['accuracy'] * len(r['test_songs']))}/"
      f"{len(r['test_songs'])}) | {r['window_log_loss']:.3f} | {r['epochs_run']} ({r['best_epoch']}) | "
      f"{r['train_seconds']:.0f} |")
PY
tail -1 "$out/table.md"
