#!/usr/bin/env python3
"""Per-column errors of a features CSV against a reference CSV, in units of the standard
deviation of each column over a third CSV (the GTZAN librosa rows), rows matched by file name.

    compare_features.py OURS.csv REFERENCE.csv STD_SOURCE.csv TITLE [--table]

Prints the worst column median, the worst value and the share of rows with equal tempo (and
with --table every column's median and maximum)."""
import csv
import statistics
import sys


def load(path):
    with open(path) as f:
        return {r['filename']: r for r in csv.DictReader(f)}


def main():
    ours, ref, std_source, title = (load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3]),
                                    sys.argv[4])
    table = '--table' in sys.argv
    keys = sorted(k for k in ours if k in ref)
    missing = sorted(k for k in ref if k not in ours)
    columns = [c for c in next(iter(ref.values())) if c not in ('filename', 'label', 'length',
                                                                  'tempo')]
    print(f'\n## {title}: {len(keys)} rows' + (f' ({len(missing)} missing)' if missing else ''))
    if table:
        print('| column | median | max |\n|---|---|---|')
    worst_median = worst_max = 0.0
    worst_column = ''
    for c in columns:
        sd = statistics.pstdev(float(r[c]) for r in std_source.values()) or 1.0
        errors = sorted(abs(float(ours[k][c]) - float(ref[k][c])) / sd for k in keys)
        median, largest = statistics.median(errors), errors[-1]
        if median > worst_median:
            worst_median, worst_column = median, c
        worst_max = max(worst_max, largest)
        if table:
            print(f'| {c} | {median:.1e} | {largest:.1e} |')
    lengths = sum(ours[k]['length'] == ref[k]['length'] for k in keys)
    tempo = sum(float(ours[k]['tempo']) == float(ref[k]['tempo']) for k in keys) / len(keys)
    print(f'worst column median {worst_median:.1e} ({worst_column}), worst value '
          f'{worst_max:.1e}, tempo equal {tempo:.1%}, lengths equal {lengths}/{len(keys)}')


if __name__ == '__main__':
    main()
