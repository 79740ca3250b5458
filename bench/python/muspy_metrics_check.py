#!/usr/bin/env python3
"""Cross-check of `cadenza evaluate`'s MusPy measures (docs/evaluate.md).

MusPy is not installed here; this script recomputes its definitions (muspy.metrics v0.5:
pitch_range, n_pitch_classes_used, pitch_class_entropy, scale_consistency,
groove_consistency, polyphony, empty_beat_rate, drum_pattern_consistency) the way MusPy does,
on a dense piano roll with numpy, from notes read by miditoolkit 1.0.1 (the oracle copy in
../shared/oracles/miditok), brought to 12 steps per quarter with Python's round as
muspy.Music.adjust_resolution(12) does. It then compares them with the metrics.csv that
`cadenza evaluate` wrote for the same files.

    PYTHONPATH=../shared/oracles/miditok /usr/bin/python3 bench/python/muspy_metrics_check.py \
        OUTDIR/metrics.csv [--limit N]

Prints the measures that differ by more than 1e-6 (relative). Files where miditoolkit keeps
fewer notes than the file has note-ons (it drops notes never closed, which cadenza's reader
keeps until the track's end, docs/midi.md) and files in SMPTE time are counted apart and not
compared (there the note sets differ, not the measures), and so are files mido refuses.
"""
import argparse
import csv
import math

import miditoolkit
import mido
import numpy as np

RES = 12
C_MAJOR = np.array([1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1], bool)
C_MINOR = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0], bool)


def note_ons(path):
    return sum(1 for track in mido.MidiFile(path).tracks for msg in track
               if msg.type == "note_on" and msg.velocity > 0)


def read(path):
    midi = miditoolkit.midi.parser.MidiFile(path)
    factor = RES / midi.ticks_per_beat
    notes = []  # (pitch, time, end, drum)
    for inst in midi.instruments:
        for n in inst.notes:
            time = round(n.start * factor)
            duration = round((n.end - n.start) * factor)
            notes.append((n.pitch, time, time + duration, inst.is_drum))
    sig = midi.time_signature_changes
    num, den = (sig[0].numerator, sig[0].denominator) if sig else (4, 4)
    return notes, max(1, round(4 * RES * num / den))


def measures(notes, bar):
    pitched = [n for n in notes if not n[3]]
    drums = [n for n in notes if n[3]]
    length = max((n[2] for n in notes), default=0)
    out = {}
    out["pitch_range"] = (max(p for p, *_ in pitched) - min(p for p, *_ in pitched)
                          if pitched else math.nan)
    pcs = np.zeros(12)
    for p, *_ in pitched:
        pcs[p % 12] += 1
    out["n_pitch_classes_used"] = int(np.count_nonzero(pcs))
    if pcs.sum() > 0:
        prob = pcs / pcs.sum()
        out["pitch_class_entropy"] = float(-np.sum(prob[prob > 0] * np.log2(prob[prob > 0])))
        out["scale_consistency"] = max(
            float(np.roll(scale, root)[pcs > 0] @ pcs[pcs > 0]) / pcs.sum()
            for scale in (C_MAJOR, C_MINOR) for root in range(12))
    else:
        out["pitch_class_entropy"] = out["scale_consistency"] = math.nan
    n_measures = length // bar + 1
    if n_measures < 2:
        out["groove_consistency"] = math.nan
    else:
        groove = np.zeros((n_measures, bar), bool)
        for _, time, _, _ in notes:
            groove[time // bar, time % bar] = True
        out["groove_consistency"] = 1 - np.count_nonzero(groove[:-1] != groove[1:]) / (
            bar * (n_measures - 1))
    roll = np.zeros((length, 128), bool)
    for p, time, end, _ in pitched:
        roll[time:end, p] = True
    on = np.count_nonzero(roll.sum(1) > 0)
    out["polyphony"] = roll.sum() / on if on else math.nan
    if length < 1:
        out["empty_beat_rate"] = math.nan
    else:
        beats = np.zeros(length // RES + 1, bool)
        for _, time, end, _ in notes:
            beats[time // RES:end // RES + 1] = True
        out["empty_beat_rate"] = 1 - np.count_nonzero(beats) / len(beats)
    if drums:
        duple = np.zeros(RES, bool)
        duple[::RES // 4] = True
        triple = np.zeros(RES, bool)
        triple[::RES // 3] = True
        rates = [sum(pattern[t % RES] for _, t, _, _ in drums) / len(drums)
                 for pattern in (duple, triple)]
        out["drum_pattern_consistency"] = max(rates)
    else:
        out["drum_pattern_consistency"] = math.nan
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("metrics_csv")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rows = list(csv.DictReader(open(args.metrics_csv)))
    if args.limit:
        rows = rows[: args.limit]
    checked = differ = other_notes = 0
    for row in rows:
        try:
            notes, bar = read(row["file"])
            count = note_ons(row["file"])
        except (OSError, ValueError, EOFError, KeyError, IndexError):  # mido refuses the file
            other_notes += 1
            continue
        # SMPTE time (negative ticks_per_beat) is not read alike either (docs/midi.md).
        if bar < 1 or any(n[2] < 0 for n in notes) or len(notes) != count:
            other_notes += 1
            continue
        ours = measures(notes, bar)
        for name, value in ours.items():
            theirs = float(row[name]) if row[name] != "" else math.nan
            checked += 1
            same = (math.isnan(value) and math.isnan(theirs)) or abs(value - theirs) <= 1e-6 * max(
                1, abs(value))
            if not same:
                differ += 1
                print(f"{row['file']}: {name}: cadenza {theirs!r}, MusPy's definition {value!r}")
    print(f"{len(rows)} files: {other_notes} refused or read with other notes by miditoolkit "
          "(skipped); "
          f"{checked} values compared, {differ} differ")


if __name__ == "__main__":
    main()
