#!/usr/bin/env bash
# cadenza tokenize --format remi|tsd against MidiTok 2.1.8 (+ miditoolkit 1.0.1) side by side in
# one run, whole processes, over midkar_jazz; then the scale run: the three jazz collections
# listed 20 times (symlinked folders), files/s and peak RSS from /usr/bin/time -v.
#
# usage: bench/tokenize_miditok.sh [path/to/cadenza] [remi|tsd] [scale copies]
#   defaults: build/app/cadenza, remi, 20. Needs Debian's python3-{numpy,mido,tqdm}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cadenza="${1:-$here/build/app/cadenza}"
scheme="${2:-remi}"
copies="${3:-20}"
shared="${CADENZA_SHARED_DATA:-$here/../shared/data}"
oracles="$(cd "$shared/../oracles" && pwd)"
data="$shared/midi"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
SCHEME="$(echo "$scheme" | tr a-z A-Z)"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
peak() { grep 'Maximum resident' "$1" | awk '{printf "%.0f MiB", $6 / 1024}'; }
wall() { grep 'Elapsed (wall' "$1" | awk '{print $NF}' | awk -F: '{print ($1 * 60) + $2}'; }
files=$(ls "$data/midkar_jazz" | grep -ci '\.mid$')

/usr/bin/time -v "$cadenza" tokenize "$data/midkar_jazz" -o "$out/c.txt" --format "$scheme" -q \
  2> "$out/c.time"
c_wall=$(wall "$out/c.time")
PYTHONPATH="$oracles/miditok" /usr/bin/time -v /usr/bin/python3 \
  "$here/bench/python/miditok_tokenize_only.py" "$data/midkar_jazz" "$SCHEME" > "$out/m.out" \
  2> "$out/m.time"
m_wall=$(wall "$out/m.time")
echo "midkar_jazz ($files files), $SCHEME, whole processes:"
awk -v f="$files" -v c="$c_wall" -v m="$m_wall" 'BEGIN {
  printf "  cadenza tokenize: %7.2f s  %8.1f files/s\n", c, f / c;
  printf "  MidiTok 2.1.8:    %7.2f s  %8.1f files/s\n", m, f / m;
  printf "  ratio: %.0fx\n", m / c }'
echo "  cadenza peak RSS $(peak "$out/c.time"); MidiTok: $(cat "$out/m.out"), peak RSS $(peak "$out/m.time")"

inputs=()
for i in $(seq 1 "$copies"); do
  for c in wjazzd_solos kaggle_jazz_subset_lstm_music midkar_jazz; do
    ln -s "$data/$c" "$out/$c-$i"
    inputs+=("$out/$c-$i")
  done
done
/usr/bin/time -v "$cadenza" tokenize "${inputs[@]}" -o "$out/scale.txt" --format "$scheme" \
  > "$out/scale.out" 2> "$out/scale.time"
n=$(( copies * $(ls "$data/wjazzd_solos" "$data/kaggle_jazz_subset_lstm_music" "$data/midkar_jazz" | grep -ci '\.mid$') ))
s_wall=$(wall "$out/scale.time")
echo "scale: the jazz collections x$copies = $n files, $(du -sh "$out/scale.txt" | cut -f1) of text + $(du -sh "$out/scale.txt.ids" | cut -f1) of ids:"
awk -v f="$n" -v s="$s_wall" 'BEGIN { printf "  %.1f s, %.1f files/s\n", s, f / s }'
echo "  peak RSS $(peak "$out/scale.time") (one copy: $(peak "$out/c.time") for midkar_jazz alone)"
grep '^tokens' "$out/scale.out" | sed 's/^/  /'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
