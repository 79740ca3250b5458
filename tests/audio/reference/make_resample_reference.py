#!/usr/bin/env python3
"""Reference values for tests/audio/resample_test.cpp, from librosa 0.9.2 and resampy 0.4.2.

    PYTHONPATH=../shared/oracles/librosa /usr/bin/python3 \
        tests/audio/reference/make_resample_reference.py tests/audio/reference

Writes
- kaiser_tables.csv: filter,index,value - entries of resampy's shipped kaiser_best and
  kaiser_fast tables (every 997th, the first 8 and the last 8), printed exactly (repr);
- resampled.csv: rate,filter,length,first,values - librosa.resample(x, orig_sr=rate,
  target_sr=22050, res_type=filter) of the test signal below (0.2 s at `rate`): its length, and
  64 consecutive samples from `first` (space-separated float32, %.9g: exact), at its start,
  middle and end.

The test signal is integers / 65536, so C++ makes the same float32 samples bit for bit:
a linear congruential noise in [-8192, 8192) plus a sawtooth of 24 * [-512, 512).
"""
import csv
import os
import sys

import numpy as np
import resampy
import librosa

CASES = [(44100, 'kaiser_best'), (48000, 'kaiser_best'), (8000, 'kaiser_best'),
         (16000, 'kaiser_best'), (32000, 'kaiser_best'), (96000, 'kaiser_best'),
         (11025, 'kaiser_best'), (44100, 'kaiser_fast'), (48000, 'kaiser_fast'),
         (16000, 'kaiser_fast')]
KEEP = 64


def test_signal(length):
    state = 12345
    out = np.empty(length, dtype=np.float32)
    for i in range(length):
        state = (state * 1103515245 + 12345) % 2**31
        noise = (state >> 8) % 16384 - 8192
        saw = ((i * 97) % 1024 - 512) * 24
        out[i] = np.float32((noise + saw) / 65536.0)
    return out


def main():
    out_dir = sys.argv[1]
    with open(os.path.join(out_dir, 'kaiser_tables.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['filter', 'index', 'value'])
        for name in ('kaiser_best', 'kaiser_fast'):
            table, _, _ = resampy.filters.get_filter(name)
            n = len(table)
            indices = sorted(set(range(8)) | set(range(0, n, 997)) | set(range(n - 8, n)))
            for i in indices:
                w.writerow([name, i, repr(float(table[i]))])
    with open(os.path.join(out_dir, 'resampled.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['rate', 'filter', 'length', 'first', 'values'])
        for rate, name in CASES:
            x = test_signal(rate // 5)
            y = librosa.resample(x, orig_sr=rate, target_sr=22050, res_type=name)
            assert y.dtype == np.float32
            n = len(y)
            for first in (0, n // 2 - KEEP // 2, n - KEEP):
                values = ' '.join('%.9g' % v for v in y[first:first + KEEP])
                w.writerow([rate, name, n, first, values])


if __name__ == '__main__':
    main()
