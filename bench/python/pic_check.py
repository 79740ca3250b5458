#!/usr/bin/env python3
"""Does building the libraries as position-independent code (for the Python module) slow the
`cadenza` command? The same work through two programs, alternating, median of 5:

    /usr/bin/python3 bench/python/pic_check.py MAIN_BUILD/app/cadenza build/app/cadenza
"""
import subprocess, time, statistics, pathlib, sys
clips = sorted(str(p) for p in pathlib.Path("../shared/data/gtzan/audio").rglob("*.flac"))[:8]
progs = {"without PIC": sys.argv[1], "with PIC": sys.argv[2]}
times = {k: [] for k in progs}
tok = {k: [] for k in progs}
for r in range(5):
    for k, p in progs.items():
        t = time.perf_counter(); subprocess.run([p, "features", *clips, "--threads", "1", "-o", "/tmp/pic.csv"], check=True, capture_output=True); times[k].append(time.perf_counter() - t)
        t = time.perf_counter(); subprocess.run([p, "tokenize", "../shared/data/midi/midkar_jazz", "--format", "remi", "--threads", "1", "-q", "-o", "/tmp/pic.txt"], check=True, capture_output=True); tok[k].append(time.perf_counter() - t)
for k in progs:
    print(f"{k}: features {statistics.median(times[k])/len(clips)*1e3:.1f} ms/clip, tokenize remi midkar 1 thread {statistics.median(tok[k]):.3f} s")
