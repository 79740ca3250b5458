#!/usr/bin/env python3
"""MidiTok 2.1.8 (miditoolkit 1.0.1) load + tokenize of every MIDI file of a folder, nothing
else: the reference side of bench/tokenize_miditok.sh (the oracle's configuration, as in
shared/oracles/tokenize_miditok.py; files it refuses are counted, not timed apart).
usage: PYTHONPATH=../shared/oracles/miditok /usr/bin/python3 bench/python/miditok_tokenize_only.py DIR REMI|TSD"""
import glob, os, sys, time

import miditok
from miditoolkit import MidiFile

folder, scheme = sys.argv[1], sys.argv[2]
tok = getattr(miditok, scheme)(miditok.TokenizerConfig(use_programs=True, use_tempos=True,
                                                        use_time_signatures=True))
files = sorted(f for f in glob.glob(os.path.join(folder, '*')) if f.lower().endswith(('.mid', '.midi')))
start = time.time()
ok = refused = tokens = 0
for f in files:
    try:
        midi = MidiFile(f)
        if midi.ticks_per_beat < 32 or not tok.validate_midi_time_signatures(midi):
            refused += 1
            continue
        tokens += len(tok(midi).tokens)
        ok += 1
    except Exception:
        refused += 1
seconds = time.time() - start
print(f'{len(files)} files ({ok} tokenized, {refused} refused or failed), {tokens} tokens, '
      f'{seconds:.1f} s in the loop, {seconds / len(files) * 1000:.1f} ms per file')
