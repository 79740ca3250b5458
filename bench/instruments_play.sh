#!/usr/bin/env bash
# Does every instrument asked for with --instruments play? (docs/arrangements.md, "Every asked
# instrument plays")
#   bench/instruments_play.sh [cadenza[:other cadenza...]] [model] [pieces] [bars]
# Generates PIECES pieces (seeds 1..PIECES, one process each, one thread) of BARS bars for
# piano, bass, drums and tenor sax and prints, from the lines `generate` writes: the share of
# pieces where all four have at least one note, the notes per bar of each instrument (mean over
# the pieces, and the pieces where it is silent), and the generation time per piece. Several
# programs (e.g. a build before a change and one after) run side by side, seed by seed, so
# their times are measured under the same load.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
IFS=: read -r -a programs <<<"${1:-${CADENZA_BUILD_DIR:-$root/build}/app/cadenza}"
model="${2:-$root/models/jazz.cdz}"
pieces="${3:-20}"
bars="${4:-16}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"
for seed in $(seq 1 "$pieces"); do
  for i in "${!programs[@]}"; do
    "${programs[$i]}" generate "$model" --bars "$bars" --instruments piano,bass,drums,tenor-sax \
      --seed "$seed" --threads 1 --no-png -o "$work/piece.mid" >>"$work/log_$i"
  done
done
echo "load after: $(uptime)"
for i in "${!programs[@]}"; do
  echo "== ${programs[$i]}"
# Lines: "piece.mid: 1281 tokens generated; Drums 171, Acoustic Bass 90, ... notes" and
# "generation took 1.233 s".
awk -v bars="$bars" -v pieces="$pieces" '
  BEGIN { split("Acoustic Grand Piano|Acoustic Bass|Drums|Tenor Sax", names, "|") }
  /tokens generated;/ {
    tokens += $2
    line = $0; sub(/.*tokens generated; /, "", line); sub(/ notes$/, "", line)
    delete count; n = split(line, parts, ", ")
    for (i = 1; i <= n; ++i) {
      c = parts[i]; sub(/.* /, "", c); name = parts[i]; sub(/ [0-9]+$/, "", name); count[name] = c
    }
    all = 1
    for (i = 1; i <= 4; ++i) {
      notes[i] += count[names[i]] + 0
      if (count[names[i]] + 0 == 0) { all = 0; silent[i]++ }
    }
    complete += all
  }
  /^generation took/ { seconds += $3 }
  END {
    printf "pieces with all 4 instruments: %d of %d (%.0f %%)\n", complete, pieces, 100 * complete / pieces
    for (i = 1; i <= 4; ++i)
      printf "%-22s %5.2f notes per bar, silent in %d pieces\n", names[i], notes[i] / (pieces * bars), silent[i]
    printf "generation: %.3f s per piece (mean), %.0f tokens per piece, %.2f ms per token\n", seconds / pieces, tokens / pieces, 1000 * seconds / tokens
  }' "$work/log_$i"
done
