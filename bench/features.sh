#!/usr/bin/env bash
# Cross-validation and speed of `cadenza features` on the shared GTZAN clips.
#   bench/features.sh [build-dir] [threads]
# 1. computes the 30 s and 3 s CSVs of every clip in ../shared/data/gtzan/audio (all cores),
# 2. prints, per column, median and max of |ours - reference| / std(reference column) against
#    librosa 0.9.2 (gtzan/librosa/) and against the Kaggle CSVs, and the tempo agreement,
# 3. times the whole feature set (30 s row + ten 3 s rows) per clip on one thread.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
threads="${2:-0}"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}/gtzan"
cadenza="$build/app/cadenza"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "load before: $(uptime)"
for segment in 30 3; do
  start=$(date +%s.%N)
  "$cadenza" features "$data/audio" -o "$out/ours_$segment.csv" --segment "$segment" \
    --threads "$threads" 2> "$out/log_$segment.txt" || true  # jazz.00054.wav is corrupt on purpose
  end=$(date +%s.%N)
  grep "error:" "$out/log_$segment.txt" | sed "s/^/  /" || true
  echo "segment $segment: $(echo "$end - $start" | bc) s wall, threads=$threads"
done

python3 - "$out" "$data" <<'PY'
import csv, statistics, sys, os
out, data = sys.argv[1], sys.argv[2]

def load(path, key=lambda name: name):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {key(r["filename"]): r for r in rows}

def stem(name):  # jazz.00001.au / .flac / .wav -> jazz.00001
    return name.rsplit(".", 1)[0]

def compare(title, ours, ref):
    keys = [k for k in ours if k in ref]
    cols = [c for c in next(iter(ref.values())).keys() if c not in ("filename", "label", "length")]
    print(f"\n## {title}: {len(keys)} rows")
    print("| column | median err/std | max err/std |")
    print("|---|---|---|")
    worst_median = worst_max = 0.0
    for c in cols:
        if c == "tempo":
            continue
        if c not in next(iter(ours.values())):
            continue
        ref_values = [float(ref[k][c]) for k in keys]
        sd = statistics.pstdev(ref_values) or 1.0
        errs = sorted(abs(float(ours[k][c]) - float(ref[k][c])) / sd for k in keys)
        med, mx = statistics.median(errs), errs[-1]
        worst_median, worst_max = max(worst_median, med), max(worst_max, mx)
        print(f"| {c} | {med:.1e} | {mx:.1e} |")
    agree = sum(float(ours[k]["tempo"]) == float(ref[k]["tempo"]) for k in keys) / len(keys)
    print(f"| tempo (equal) | {agree:.1%} of rows | |")
    print(f"worst column median {worst_median:.1e}, worst value {worst_max:.1e}, tempo equal {agree:.1%}")

o30 = load(f"{out}/ours_30.csv")
o3 = load(f"{out}/ours_3.csv")
compare("30 s vs librosa 0.9.2", o30, load(f"{data}/librosa/features_30_sec.csv"))
compare("3 s vs librosa 0.9.2", o3, load(f"{data}/librosa/features_3_sec.csv"))
compare("30 s vs Kaggle", {stem(k): v for k, v in o30.items()},
        load(f"{data}/features_30_sec.csv", key=stem))
compare("3 s vs Kaggle (classical, jazz, rock)", o3,
        load(f"{data}/features_3_sec_classical_jazz_rock.csv"))
PY

echo
echo "## speed: one thread, the whole feature set per clip (30 s row + ten 3 s rows)"
"$build/bench/features_benchmark" --benchmark_filter='ClipAllFeatures|Clip30sRow' 2>&1 | tail -3
echo "load after: $(uptime)"
