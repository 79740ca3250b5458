#!/usr/bin/env bash
# End-to-end benchmark of `cadenza tokenize` (paper tokenizer) on the shared jazz collections,
# next to music21 9.1's measured speed (shared/data/midi/SOURCES.md: 0.30 s per file on
# wjazzd_solos, 2.4 s per file on midkar_jazz; the paper: ~2.4 s per file).
#
# usage: bench/tokenize.sh [path/to/cadenza] [threads] [repeats]
#   defaults: build/app/cadenza, all cores, 3 repeats (the fastest run is reported)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cadenza="${1:-$here/build/app/cadenza}"
threads="${2:-0}"
repeats="${3:-3}"
data="${CADENZA_SHARED_DATA:-$here/../shared/data}/midi"
[[ -x "$cadenza" ]] || { echo "tokenize.sh: no cadenza binary at $cadenza (build it first)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "cadenza tokenize benchmark: $(nproc) cores, threads=${threads} (0 = all), best of ${repeats}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# wall: the whole process, including ~1 s of loading shared libraries (libtorch) at start-up;
# work: the time `cadenza tokenize` reports for finding, reading, tokenizing and writing.
printf '%-30s %6s %8s %7s %7s %9s %10s %8s %9s %9s\n' collection files tokens wall_s work_s files/s tokens/s m21_s/f speedup speedup_w
for spec in wjazzd_solos:0.30 kaggle_jazz_subset_lstm_music:- midkar_jazz:2.4 all:-; do
  name="${spec%%:*}"
  m21="${spec##*:}"
  if [[ "$name" == all ]]; then
    inputs=("$data/wjazzd_solos" "$data/kaggle_jazz_subset_lstm_music" "$data/midkar_jazz")
  else
    inputs=("$data/$name")
  fi
  [[ -d "${inputs[0]}" ]] || { echo "skipping $name: ${inputs[0]} missing" >&2; continue; }
  best=""
  best_work=""
  for ((r = 0; r < repeats; ++r)); do
    start=$(date +%s.%N)
    "$cadenza" tokenize "${inputs[@]}" -o "$out/corpus.txt" --threads "$threads" > "$out/summary.txt"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    w=$(sed -n 's/^time: \([0-9.]*\) s.*/\1/p' "$out/summary.txt")
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    if [[ -z "$best_work" ]] || (( $(echo "$w < $best_work" | bc -l) )); then best_work=$w; fi
  done
  files=$(grep -c '^@doc ' "$out/corpus.txt")
  tokens=$(grep -v -c -e '^@doc ' -e '^#cadenza-corpus' "$out/corpus.txt" || true)
  fps=$(echo "$files / $best_work" | bc -l)
  tps=$(echo "$tokens / $best_work" | bc -l)
  if [[ "$m21" == "-" ]]; then
    speed="-"
    speed_wall="-"
  else
    speed=$(printf '%.0fx' "$(echo "$m21 * $fps" | bc -l)")
    speed_wall=$(printf '%.0fx' "$(echo "$m21 * $files / $best" | bc -l)")
  fi
  printf '%-30s %6d %8d %7.3f %7.3f %9.1f %10.0f %8s %9s %9s\n' "$name" "$files" "$tokens" "$best" \
    "$best_work" "$fps" "$tps" "$m21" "$speed" "$speed_wall"
done
