#!/usr/bin/env python3
"""Compares `cadenza detokenize` with MidiTok 2.1.8's own decoding of the same tokens: for every
document of a REMI / TSD corpus, the notes MidiTok's tokens_to_midi() makes (time division 384,
as `cadenza detokenize` writes) against the notes of cadenza's MIDI file read by miditoolkit, as
multisets of (program or -1 for drums, pitch, onset, offset, velocity). Also compares tempos.
usage: PYTHONPATH=../shared/oracles/miditok /usr/bin/python3 scripts/check_miditok_decoding.py \\
           CORPUS DECODED_DIR REMI|TSD"""
import os, sys
from collections import Counter

import miditok
from miditoolkit import MidiFile

corpus, decoded_dir, scheme = sys.argv[1:4]
tok = getattr(miditok, scheme)(miditok.TokenizerConfig(use_programs=True, use_tempos=True,
                                                        use_time_signatures=True))

def notes(midi):
    out = Counter()
    for inst in midi.instruments:
        prog = -1 if inst.is_drum else int(inst.program)
        for n in inst.notes: out[(prog, n.pitch, n.start, n.end, n.velocity)] += 1
    return out

def documents():
    name, tokens = None, []
    for line in open(corpus, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#cadenza-corpus'): continue
        if line.startswith('@doc '):
            if name is not None: yield name, tokens
            name, tokens = line[5:], []
        else: tokens.append(line)
    if name is not None: yield name, tokens

same = differ = failed = 0
for name, tokens in documents():
    base = os.path.splitext(name.replace('/', '_').replace('\\', '_'))[0]
    try:
        theirs = tok.tokens_to_midi(miditok.TokSequence(tokens=tokens), time_division=384)
    except Exception as e:
        failed += 1; print(f'MIDITOK-FAILS {name}: {type(e).__name__}: {e}'); continue
    ours = MidiFile(os.path.join(decoded_dir, base + '.mid'))
    a, b = notes(theirs), notes(ours)
    tempos_a = [(t.time, round(t.tempo, 2)) for t in theirs.tempo_changes]
    tempos_b = [(t.time, round(t.tempo, 2)) for t in ours.tempo_changes]
    if a == b and tempos_a == tempos_b: same += 1
    else:
        differ += 1
        print(f'DIFFERS {name}: notes MidiTok {sum(a.values())} cadenza {sum(b.values())} '
              f'common {sum((a & b).values())}; tempos equal: {tempos_a == tempos_b}')
print(f'{scheme} {corpus}: {same} documents decode to the same notes and tempos as MidiTok, '
      f'{differ} differ, {failed} MidiTok cannot decode')
