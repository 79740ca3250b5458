#!/usr/bin/env python3
"""librosa 0.9.2's GTZAN feature rows of synthetic files at other rates and channel counts, for
tests/features/resampled_test.cpp (which writes the same files itself, bit for bit).

    PYTHONPATH=../shared/oracles/librosa /usr/bin/python3 \
        tests/features/reference/make_resampled_reference.py tests/features/reference

Writes resampled_features.csv: the Kaggle 30 s layout (`librosa.load(path)` at sr 22,050, the
oracle's features_librosa.features), one row per file below, then a row named `gtzan_std` with
the standard deviation of each column over ../shared/data/gtzan/librosa/features_30_sec.csv (the
unit the test's tolerances are in).

The signal (integers only, so C++ makes the same samples): 8 s; left channel a triangle-wave
melody (a new note every 0.25 s), right channel noise bursts at 120 BPM decaying over 50 ms plus a
quieter triangle bass; mono files are the left channel plus the right, halved.
"""
import csv
import os
import statistics
import sys
import tempfile

import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(ROOT, '..', 'shared', 'oracles'))
import features_librosa  # noqa: E402  (the oracle's recipe)
import librosa  # noqa: E402

# name, rate, channels, subtype
FILES = [('synth.44100.stereo.wav', 44100, 2, 'PCM_16'),
         ('synth.48000.stereo.wav', 48000, 2, 'FLOAT'),
         ('synth.8000.mono.wav', 8000, 1, 'PCM_16'),
         ('synth.96000.mono.wav', 96000, 1, 'PCM_16')]
MELODY_HZ = [220, 262, 330, 392, 440, 523, 587, 659, 784, 880, 1047, 1319]


def triangle(i, period, amplitude):
    # 0 .. 2A .. 0 over a period, minus A: integer arithmetic, operands non-negative
    phase = (2 * i) % period
    up = (2 * amplitude * 2 * phase) // period if phase * 2 < period else \
        (2 * amplitude * 2 * (period - phase)) // period
    return up - amplitude


def samples(rate, channels):
    n = 8 * rate
    note = rate // 4
    beat = rate // 2
    decay = rate // 20
    state = 987654321
    left = np.empty(n, dtype=np.int64)
    right = np.empty(n, dtype=np.int64)
    for i in range(n):
        k = i // note
        period = 2 * rate // MELODY_HZ[(k * 7) % len(MELODY_HZ)]  # in half samples
        left[i] = triangle(i, period, 9000)
        state = (state * 1103515245 + 12345) % 2**31
        noise = (state >> 12) % 32768 - 16384
        since = i % beat
        burst = noise * (decay - since) // decay if since < decay else 0
        right[i] = burst + triangle(i, 2 * rate // 55, 3000)
    if channels == 1:
        return ((left + right) // 2).reshape(-1, 1)
    return np.stack([left, right], axis=1)


def main():
    out_dir = sys.argv[1]
    with open(os.path.join(ROOT, '..', 'shared', 'data', 'gtzan', 'librosa',
                           'features_30_sec.csv')) as f:
        gtzan = list(csv.DictReader(f))
    with tempfile.TemporaryDirectory() as tmp, \
            open(os.path.join(out_dir, 'resampled_features.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(features_librosa.HEADER[:-1])
        for name, rate, channels, subtype in FILES:
            ints = samples(rate, channels)
            path = os.path.join(tmp, name)
            data = ints.astype(np.int16) if subtype == 'PCM_16' else \
                (ints / 32768.0).astype(np.float32)
            sf.write(path, data, rate, subtype=subtype)
            y, sr = librosa.load(path)
            w.writerow([name] + features_librosa.features(y, sr))
        columns = features_librosa.HEADER[1:-1]
        w.writerow(['gtzan_std'] + [repr(statistics.pstdev(float(r[c]) for r in gtzan))
                                    for c in columns])


if __name__ == '__main__':
    main()
