#!/usr/bin/env bash
# librosa's values for audio at other sample rates and channel counts, and the speed of one
# 44.1 kHz stereo file, side by side with librosa 0.9.2 in one run.
#   bench/features_resampled.sh [--speed-only] [build-dir] [work-dir]
# (--speed-only: step 4 alone, on the audio step 1 made before)
# 1. makes the test audio (bench/make_resampled_audio.sh: GTZAN clips through sox at 8-96 kHz,
#    stereo pairs, FluidSynth renders at 44.1/48 kHz stereo and mono) in WORK/audio, once;
# 2. librosa 0.9.2 (../shared/oracles) features of every file, 30 s and 3 s rows, once
#    (WORK/librosa_*.csv; delete them to recompute);
# 3. cadenza features with each --resample choice, compared per column in units of the GTZAN
#    column's standard deviation (../shared/data/gtzan/librosa);
# 4. speed: the 30 s row of one 44.1 kHz stereo 30 s file, decoding and resampling included,
#    librosa (warm: numba compiled) and cadenza (build/bench/resample_benchmark, in-process)
#    alternating, 5 times each, one thread each; also the load alone, and the whole
#    `cadenza features --threads 1` process (start-up included).
# Needs sox, fluidsynth and the librosa oracle's Debian packages (../shared/oracles/README.md).
set -euo pipefail
speed_only=0
if [ "${1:-}" = --speed-only ]; then
  speed_only=1
  shift
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
work="${2:-/tmp/cadenza_features_resampled}"
shared="${CADENZA_SHARED_DATA:-$root/../shared/data}"
oracles="$root/../shared/oracles"
cadenza="$build/app/cadenza"
export OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
mkdir -p "$work"

echo "load before: $(uptime)"
[ -d "$work/audio" ] || "$root/bench/make_resampled_audio.sh" "$work/audio"
if [ "$speed_only" = 0 ] && [ ! -s "$work/librosa_30_sec.csv" ]; then
  PYTHONPATH="$oracles/librosa" /usr/bin/python3 "$oracles/features_librosa.py" \
    "$work/librosa" "$work"/audio/* > "$work/librosa_log.txt" 2>&1
fi

for method in kaiser_best kaiser_fast soxr; do
  [ "$speed_only" = 1 ] && break
  for segment in 30 3; do
    "$cadenza" features "$work/audio" -o "$work/ours_${method}_$segment.csv" \
      --segment "$segment" --resample "$method" 2> /dev/null
    table=""
    [ "$method" = kaiser_best ] && table="--table"
    /usr/bin/python3 "$root/bench/python/compare_features.py" \
      "$work/ours_${method}_$segment.csv" "$work/librosa_${segment}_sec.csv" \
      "$shared/gtzan/librosa/features_${segment}_sec.csv" \
      "--resample $method, $segment s rows vs librosa 0.9.2" $table
  done
done

echo
echo "## speed: one 44.1 kHz stereo 30 s file, one thread, wall seconds per file"
file=$(ls "$work"/audio/*.44100.stereo.wav | head -1)
PYTHONPATH="$oracles/librosa:$oracles" /usr/bin/python3 - "$build" "$file" "$work" <<'PY'
# Wall and CPU seconds; CPU time is the fair measure when other jobs share the cores.
import json, os, resource, statistics, subprocess, sys, time
import librosa
import features_librosa
build, path, work = sys.argv[1:4]

def librosa_row():
    y, sr = librosa.load(path)
    return features_librosa.features(y, sr)

def timed(f, *args):
    w, c = time.perf_counter(), time.process_time()
    f(*args)
    return time.perf_counter() - w, time.process_time() - c

def cadenza(benchmark):  # in-process time per iteration (Google Benchmark), seconds
    out = subprocess.run([f'{build}/bench/resample_benchmark', f'--benchmark_filter={benchmark}$',
                          '--benchmark_format=json', '--benchmark_min_time=1'],
                         env=dict(os.environ, CADENZA_RESAMPLED_FILE=path), check=True,
                         capture_output=True, text=True).stdout
    run = json.loads(out)['benchmarks'][0]
    return run['real_time'] / 1000.0, run['cpu_time'] / 1000.0  # ms -> s

def cadenza_process():  # the whole `cadenza features` process, start-up included
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    subprocess.run([f'{build}/app/cadenza', 'features', path, '-o', f'{work}/speed.csv',
                    '--threads', '1'], check=True, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return time.perf_counter() - w, cpu

librosa_row()  # numba's compilation, left out
names = ('librosa: load + 30 s row', 'librosa: load alone', 'cadenza: load + 30 s row',
         'cadenza: load alone', 'cadenza features process')
times = {k: [] for k in names}
for _ in range(5):
    times[names[0]].append(timed(librosa_row))
    times[names[1]].append(timed(librosa.load, path))
    times[names[2]].append(cadenza('BM_File30sRow'))
    times[names[3]].append(cadenza('BM_FileLoad'))
    times[names[4]].append(cadenza_process())
print(path)
print('| | wall, median of 5 | CPU, median of 5 |\n|---|---|---|')
med = {}
for name, t in times.items():
    med[name] = (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
    print(f'| {name} | {med[name][0]:.3f} s | {med[name][1]:.3f} s |')
for a, b in ((names[0], names[2]), (names[1], names[3]), (names[0], names[4])):
    print(f'{a} / {b}: wall {med[a][0] / med[b][0]:.1f}x, CPU {med[a][1] / med[b][1]:.1f}x')
PY
echo "load after: $(uptime)"
