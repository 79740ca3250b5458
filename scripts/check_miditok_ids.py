#!/usr/bin/env python3
"""Checks a `cadenza tokenize --format remi|tsd` output against MidiTok 2.1.8 itself:
MidiTok loads the vocabulary file (REMI(params=...) / TSD(params=...)) and its ids of every token
of the text corpus equal the ids in the binary ids file (whose layout is read here from
src/tokens/token_ids_file.h's description, independently of the C++ reader).
usage: PYTHONPATH=../shared/oracles/miditok /usr/bin/python3 scripts/check_miditok_ids.py CORPUS
       (reads CORPUS, CORPUS.ids, CORPUS.vocab.json)"""
import json, struct, sys

import miditok

corpus = sys.argv[1]
params = json.load(open(corpus + '.vocab.json'))
tok = getattr(miditok, params['tokenization'])(params=corpus + '.vocab.json')
extension = params.get('cadenza_extension_tokens', [])
vocab = dict(tok.vocab)
for i, t in enumerate(extension):
    vocab[t] = len(tok) + i

docs, name = [], None
for line in open(corpus, encoding='utf-8'):
    line = line.rstrip('\n')
    if line.startswith('#cadenza-corpus'): continue
    if line.startswith('@doc '):
        docs.append((line[5:], []))
    else:
        docs[-1][1].append(line)

data = open(corpus + '.ids', 'rb').read()
magic, vocab_size, _, ndocs, ntokens, index_offset = struct.unpack_from('<8sIIQQQ', data, 0)
assert magic == b'CDZIDS1\0', magic
assert vocab_size == len(tok) + len(extension), (vocab_size, len(tok), len(extension))
ids = struct.unpack_from('<%dH' % ntokens, data, 40)
starts = struct.unpack_from('<%dQ' % (ndocs + 1), data, index_offset)
at = index_offset + 8 * (ndocs + 1)
assert ndocs == len(docs), (ndocs, len(docs))
mismatches = 0
for d, (doc_name, tokens) in enumerate(docs):
    (n,) = struct.unpack_from('<I', data, at)
    stored_name = data[at + 4:at + 4 + n].decode('utf-8'); at += 4 + n
    assert stored_name == doc_name, (stored_name, doc_name)
    expected = [vocab[t] for t in tokens]
    got = list(ids[starts[d]:starts[d + 1]])
    if got != expected: mismatches += 1
print(f'{params["tokenization"]}: MidiTok loads {corpus}.vocab.json ({len(tok)} tokens, '
      f'{len(extension)} extension tokens); {len(docs)} documents, {ntokens} ids, '
      f'{mismatches} documents whose ids differ from MidiTok\'s')
sys.exit(1 if mismatches else 0)
