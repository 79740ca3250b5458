#!/usr/bin/env bash
# Start-up cost of the cadenza command, whole processes, with hyperfine (Debian's hyperfine):
# the instant-start `cadenza` (no libtorch) next to `cadenza-torch` (every command, libtorch
# linked: what every command paid before the split), on --version, --help, tokenizing one MIDI
# file and the features of one GTZAN clip. "work" is what the command spends after start-up:
# the whole process minus `--version` of the same program.
#
# An optional third argument, an earlier `cadenza` program (e.g. a copy of build/app/cadenza
# from before a change), is timed in the same run, in a first column.
# usage: bench/startup.sh [build dir] [runs] [earlier cadenza]   (defaults: build, 30, none)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
runs="${2:-30}"
before="${3:-}"
data="${CADENZA_SHARED_DATA:-$here/../shared/data}"
front="$build/app/cadenza"
torch="$build/app/cadenza-torch"
for p in "$front" "$torch"; do
  [[ -x "$p" ]] || { echo "startup.sh: no $p (build first)" >&2; exit 1; }
done
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
# The first file by name (a glob, not `ls | head`: head's early exit is a SIGPIPE under pipefail).
midis=("$data"/midi/midkar_jazz/*.mid)
midi="${midis[0]}"
clip="$data/gtzan/audio/jazz/jazz.00001.flac"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "cadenza start-up: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
mean_ms() {  # mean_ms NAME COMMAND: hyperfine's mean in ms
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/$1.json" "$2" >/dev/null 2>&1
  python3 -c "import json,sys; print('%.1f' % (1000 * json.load(open(sys.argv[1]))['results'][0]['mean']))" "$out/$1.json"
}
printf '%-44s %12s %12s %16s\n' "command" "earlier ms" "cadenza ms" "cadenza-torch ms"
for spec in "--version" "--help" "tokenize $midi -o $out/t.txt -q --threads 1" \
  "features $clip --segment 30 -o $out/f.csv --threads 1"; do
  label="${spec/$data\//}"
  label="${label/$out\//}"
  earlier=-
  [[ -n "$before" ]] && earlier="$(mean_ms before "$before $spec")"
  printf '%-44s %12s %12s %16s\n' "${label:0:44}" "$earlier" "$(mean_ms front "$front $spec")" \
    "$(mean_ms torch "$torch $spec")"
done
