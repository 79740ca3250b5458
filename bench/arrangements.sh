#!/usr/bin/env bash
# The shipped jazz model against issue #12's targets (docs/arrangements.md, "Targets"):
#   bench/arrangements.sh [model] [pieces] [work dir]
#   GENERATE_OPTIONS="--temperature 1.0" bench/arrangements.sh ...   # other sampling settings
# 1. PIECES pieces of 16 bars from the model (instruments and tempo its own choice);
# 2. MusPy's measures of their 16 bars next to the first 16 bars of the validation files
#    (docs/data/jazz_validation.txt), with the 8-gram copy rate from the training files, by
#    `cadenza evaluate` (medians, 10-90 % ranges, overlapping areas);
# 3. the bigram baseline's validation cross-entropy on the same split;
# 4. speed: 16 bars for piano, bass, drums and tenor sax on one thread, 5 runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${CADENZA_BUILD_DIR:-$root/build}"
model="${1:-$root/models/jazz.cdz}"
pieces="${2:-100}"
work="${3:-/tmp/cadenza_arrangements}"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}/midi"
C="$build/app/cadenza"
echo "load before: $(uptime)"
rm -rf "$work/generated" "$work/validation" "$work/training" "$work/evaluation"
mkdir -p "$work/generated" "$work/validation" "$work/training"
# The split as training made it: validation files by the list, the rest of the three folders.
grep -v '^#' "$root/docs/data/jazz_validation.txt" | grep -v '^$' > "$work/validation.txt"
for collection in wjazzd_solos midkar_jazz kaggle_jazz_subset_lstm_music; do
  for f in "$data/$collection"/*; do
    name="$collection/$(basename "$f")"
    if grep -qxF "$name" "$work/validation.txt"; then
      ln -sf "$f" "$work/validation/${name//\//_}"
    else
      ln -sf "$f" "$work/training/${name//\//_}"
    fi
  done
done
# Two processes (one thread each: one token at a time uses one core), half the pieces each.
half=$(( (pieces + 1) / 2 ))
# shellcheck disable=SC2086 # GENERATE_OPTIONS is a list of options
"$C" generate "$model" --bars 16 --count "$half" --seed 1 --no-png ${GENERATE_OPTIONS:-} \
  -o "$work/generated/a.mid" > "$work/generate_a.log" &
# shellcheck disable=SC2086
"$C" generate "$model" --bars 16 --count "$(( pieces - half ))" --seed 2 --no-png ${GENERATE_OPTIONS:-} \
  -o "$work/generated/b.mid" > "$work/generate_b.log"
wait
grep -h "took" "$work"/generate_*.log
"$C" evaluate --real "$work/validation" --generated "$work/generated" --bars 16 \
  --copy-from "$work/training" -o "$work/evaluation"
if [ ! -s "$work/jazz.remi.txt" ]; then
  "$C" tokenize --format remi "$data/wjazzd_solos" "$data/midkar_jazz" \
    "$data/kaggle_jazz_subset_lstm_music" -o "$work/jazz.remi.txt" > /dev/null
fi
"$C" evaluate --baseline bigram --corpus "$work/jazz.remi.txt" \
  --validation-list "$root/docs/data/jazz_validation.txt"
echo "## 16 bars, piano bass drums tenor-sax, one thread"
for run in 1 2 3 4 5; do
  "$C" generate "$model" --bars 16 --instruments piano,bass,drums,tenor-sax --seed "$run" \
    --threads 1 --no-png -o "$work/speed.mid" | grep -E "tokens generated|took" | tr '\n' ' '
  echo
done
echo "load after: $(uptime)"
