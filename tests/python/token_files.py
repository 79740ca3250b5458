"""Readers for what `cadenza tokenize` writes (docs/tokenizer.md): the text corpus and the
token ids file, to compare the module's tokens with the command line's."""
import struct


def read_corpus(path):
    """{document name: [tokens]} of a '#cadenza-corpus 1' file, in file order."""
    documents, name = {}, None
    with open(path, encoding="utf-8") as corpus:
        assert corpus.readline().startswith("#cadenza-corpus")
        for line in corpus:
            line = line.rstrip("\n")
            if line.startswith("@doc "):
                name = line[5:]
                documents[name] = []
            elif line:
                documents[name].append(line)
    return documents


def read_ids(path):
    """(vocab_size, {document name: [ids]}) of a CDZIDS1 file."""
    data = open(path, "rb").read()
    assert data[:8] == b"CDZIDS1\0"
    vocab_size, = struct.unpack_from("<I", data, 8)
    documents, tokens, index = struct.unpack_from("<QQQ", data, 16)
    ids = struct.unpack_from(f"<{tokens}H", data, 40)
    starts = struct.unpack_from(f"<{documents + 1}Q", data, index)
    at, out = index + 8 * (documents + 1), {}
    for d in range(documents):
        length, = struct.unpack_from("<I", data, at)
        name = data[at + 4:at + 4 + length].decode("utf-8")
        at += 4 + length
        out[name] = list(ids[starts[d]:starts[d + 1]])
    return vocab_size, out
