#!/usr/bin/env python3
"""The Python module's speed against the command line's, side by side in one run, and one
GTZAN clip's features from Python against librosa 0.9.2's (../shared/oracles).

    PYTHONPATH=build/python /usr/bin/python3 bench/python/module_speed.py \
        [--cli build/app/cadenza] [--data ../shared/data] [--clips 10] [--repeats 3]

Per clip (features, one thread) and per file (tokenize, one thread and all cores): the same
files through `cadenza` (one process for all of them, its start-up included, and one process
per file) and through cadenza.features() / cadenza.tokenize() (one call for all, and one call
per file). Repeats alternate the two sides; the median is printed. librosa runs on two clips
(the first pays numba's compilation and is left out, as the oracle's README says).
"""
import argparse
import csv
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import cadenza

ROOT = pathlib.Path(__file__).resolve().parents[2]


def timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def median_of(repeats, *calls):
    """Median seconds of each call, the calls alternating within each repeat."""
    times = [[] for _ in calls]
    for _ in range(repeats):
        for i, call in enumerate(calls):
            times[i].append(timed(call))
    return [statistics.median(t) for t in times]


def run(*args):
    subprocess.run([str(a) for a in args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def row(what, unit, python, command):
    print(f"| {what} | {python * 1e3:.2f} {unit} | {command * 1e3:.2f} {unit} | "
          f"{python / command:.3f} |")


def features_speed(cli, clips, repeats, out):
    n = len(clips)
    print(f"\n### features, --segment 30, one thread, {n} GTZAN clips (ms per clip)\n")
    print("| how | cadenza.features() | `cadenza features` | Python / command |\n|---|---|---|---|")
    python, command = median_of(
        repeats, lambda: cadenza.features(clips, threads=1),
        lambda: run(cli, "features", *clips, "--threads", "1", "-o", out))
    row("all clips in one call / one process", "ms", python / n, command / n)
    python, command = median_of(
        repeats, lambda: [cadenza.features(c, threads=1) for c in clips],
        lambda: [run(cli, "features", c, "--threads", "1", "-o", out) for c in clips])
    row("one call / one process per clip", "ms", python / n, command / n)


def tokenize_speed(cli, folder, fmt, threads, repeats, out):
    files = sorted(str(p) for p in pathlib.Path(folder).rglob("*.mid"))
    n = len(files)
    label = "all cores" if threads == 0 else f"{threads} thread"
    print(f"\n### tokenize --format {fmt}, {label}, {pathlib.Path(folder).name} "
          f"({n} files; ms per file)\n")
    print("| how | cadenza.tokenize() | `cadenza tokenize` | Python / command |\n"
          "|---|---|---|---|")
    python, command = median_of(
        repeats, lambda: cadenza.tokenize(folder, format=fmt, threads=threads),
        lambda: run(cli, "tokenize", folder, "--format", fmt, "--threads", threads, "-q",
                    "-o", out))
    row("the folder in one call / one process", "ms", python / n, command / n)
    if threads == 1:
        some = files[:50]
        python, command = median_of(
            repeats, lambda: [cadenza.tokenize(f, format=fmt) for f in some],
            lambda: [run(cli, "tokenize", f, "--format", fmt, "-q", "-o", out) for f in some])
        row(f"one call / one process per file (first {len(some)})", "ms", python / len(some),
            command / len(some))


def librosa_side_by_side(oracles, warmup, clip, tmp):
    print(f"\n### one GTZAN clip, 30 s row + its ten 3 s rows, one thread: {clip.name}\n")
    env = dict(os.environ, OMP_NUM_THREADS="1", NUMBA_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=str(oracles / "librosa"))
    prefix = tmp / "librosa"
    subprocess.run(["/usr/bin/python3", str(oracles / "features_librosa.py"), str(prefix),
                    str(warmup), str(clip)], check=True, env=env, stdout=subprocess.DEVNULL)
    with open(f"{prefix}_times.tsv") as times:
        librosa_row = list(csv.DictReader(times, delimiter="\t"))[-1]
    librosa_seconds = float(librosa_row["total_30s"]) + float(librosa_row["all_3s_segments"])

    def ours():
        y, sr = cadenza.load(clip)
        return cadenza.features(y, sr, segment=30), cadenza.features(y, sr, segment=3)

    ours()  # the first call pays the FFTW plans, as librosa's first clip pays numba
    seconds = statistics.median(timed(ours) for _ in range(3))
    row30, _ = ours()
    with open(f"{prefix}_30_sec.csv") as table:
        reference = [r for r in csv.DictReader(table) if r["filename"] == clip.name][0]
    worst = max(abs(row30[c][0] - float(reference[c])) / max(abs(float(reference[c])), 1e-12)
                for c in cadenza.feature_names() if c != "tempo")
    print("| | cadenza (Python) | librosa 0.9.2 | librosa / cadenza |\n|---|---|---|---|")
    print(f"| seconds (load + features) | {seconds:.3f} | {librosa_seconds:.3f} | "
          f"{librosa_seconds / seconds:.1f}x |")
    print(f"| tempo | {row30['tempo'][0]!r} | {float(reference['tempo'])!r} | |")
    print(f"| worst relative difference of the other 56 columns (30 s row) | {worst:.2e} | | |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=ROOT / "build/app/cadenza")
    parser.add_argument("--data", default=ROOT / "../shared/data")
    parser.add_argument("--oracles", default=ROOT / "../shared/oracles")
    parser.add_argument("--clips", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-librosa", action="store_true")
    args = parser.parse_args()
    data = pathlib.Path(args.data)
    print(f"cadenza {cadenza.__version__}, Python {sys.version.split()[0]}; "
          f"`uptime`: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    clips = sorted((data / "gtzan/audio").rglob("*.flac"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        features_speed(args.cli, [str(c) for c in clips[:args.clips]], args.repeats,
                       tmp / "f.csv")
        for threads in (1, 0):
            tokenize_speed(args.cli, data / "midi/midkar_jazz", "remi", threads, args.repeats,
                           tmp / "t.txt")
        tokenize_speed(args.cli, data / "midi/wjazzd_solos", "paper", 0, args.repeats,
                       tmp / "p.txt")
        if not args.skip_librosa:
            librosa_side_by_side(pathlib.Path(args.oracles), clips[0], clips[1], tmp)
    print(f"\n`uptime` after: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
