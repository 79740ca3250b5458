#!/usr/bin/env bash
# Issue #17's features figure: the whole GTZAN feature set of a clip (the 30 s row and the ten
# 3 s rows) by cadenza as whole processes, one thread, start-up included, against librosa 0.9.2
# (../shared/oracles, one warm Python process: numba compiled before timing, load + 30 s row +
# 3 s rows as the oracle computes them), side by side in one run on the same 10 clips,
# alternating clip by clip (which cadenza form runs right after librosa alternates too).
# cadenza twice: one process (`cadenza features CLIP --segment 30,3`: one decode) and, for
# comparison with the earlier figure, two (`--segment 30`, then `--segment 3`).
#   bench/features_processes.sh [build dir] [rounds]   (defaults: build, 3)
# Prints wall and CPU seconds per clip (median over rounds) and the ratio of the sums.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
rounds="${2:-3}"
shared="${CADENZA_SHARED_DATA:-$root/../shared/data}"
oracles="$root/../shared/oracles"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Ten clips: the first three of blues, classical and rock, and jazz.00000.
mapfile -t clips < <(for genre in blues classical rock; do
  find "$shared/gtzan/audio/$genre" -type f | sort | head -3; done
  echo "$shared/gtzan/audio/jazz/jazz.00000.flac")
echo "load before: $(uptime)"
# One thread for librosa too: numpy's BLAS and numba would otherwise take both cores.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1 \
  PYTHONPATH="$oracles/librosa:$oracles" /usr/bin/python3 - "$build" "$work" "$rounds" "${clips[@]}" <<'PY'
import os, resource, statistics, subprocess, sys, time
import librosa
import features_librosa
build, work, rounds, clips = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
SEG = features_librosa.SEG

def librosa_clip(path):  # what the oracle does per clip
    y, sr = librosa.load(path)
    features_librosa.features(y, sr)
    for k in range(len(y) // SEG):
        features_librosa.features(y[k * SEG:(k + 1) * SEG], sr)

def timed(f, *args):
    w, c = time.perf_counter(), time.process_time()
    f(*args)
    return time.perf_counter() - w, time.process_time() - c

def cadenza_clip(path, segments):  # whole processes, start-up included; the children's times
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    for segment in segments:
        subprocess.run([f'{build}/app/cadenza', 'features', path, '--segment', segment,
                        '--threads', '1', '-o', f'{work}/f.csv'], check=True,
                       stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.perf_counter() - w,
            (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))

librosa_clip(clips[0])  # numba's compilation, left out
rows = []
for i, path in enumerate(clips):
    lib, one, two = [], [], []
    for r in range(rounds):  # which cadenza form follows librosa (cold caches) alternates
        first = (i + r) % 2 == 0
        lib.append(timed(librosa_clip, path))
        if first:
            one.append(cadenza_clip(path, ['30,3']))
        two.append(cadenza_clip(path, ['30', '3']))
        if not first:
            one.append(cadenza_clip(path, ['30,3']))
    med = lambda t, i: statistics.median(x[i] for x in t)
    rows.append((os.path.basename(path), med(lib, 0), med(lib, 1), med(one, 0), med(one, 1),
                 med(two, 0), med(two, 1)))
print('| clip | librosa wall / CPU | cadenza 1 process (30,3) wall / CPU | ratio | '
      'cadenza 2 processes (30, 3) wall / CPU | ratio |')
print('|---|---|---|---|---|---|')
for name, lw, lc, ow, oc, tw, tc in rows:
    print(f'| {name} | {lw:.3f} / {lc:.3f} s | {ow:.3f} / {oc:.3f} s | {lw / ow:.1f}x '
          f'| {tw:.3f} / {tc:.3f} s | {lw / tw:.1f}x |')
lw, lc, ow, oc, tw, tc = [sum(r[i] for r in rows) for i in range(1, 7)]
print(f'| all {len(rows)} | {lw:.2f} / {lc:.2f} s | {ow:.2f} / {oc:.2f} s '
      f'| {lw / ow:.1f}x (CPU {lc / oc:.1f}x) | {tw:.2f} / {tc:.2f} s '
      f'| {lw / tw:.1f}x (CPU {lc / tc:.1f}x) |')
PY
echo "load after: $(uptime)"
