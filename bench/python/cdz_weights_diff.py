#!/usr/bin/python3
"""||a - b|| / ||a|| over the weights of two cadenza checkpoints (.cdz), and whether the weight
sections are byte-identical. The container (src/model/checkpoint_file.h): "CDZ1", u32 section
count, per section u32 name length, name, u64 size, u64 FNV-1a checksum, bytes; the "weights"
section is a torch archive, which torch.jit.load reads.
    /usr/bin/python3 bench/python/cdz_weights_diff.py a.cdz b.cdz"""
import io
import struct
import sys

import torch


def sections(path):
    data = open(path, "rb").read()
    assert data[:4] == b"CDZ1", f"{path}: not a cadenza checkpoint"
    (count,) = struct.unpack_from("<I", data, 4)
    offset, result = 8, {}
    for _ in range(count):
        (name_length,) = struct.unpack_from("<I", data, offset)
        name = data[offset + 4 : offset + 4 + name_length].decode()
        offset += 4 + name_length
        size, _checksum = struct.unpack_from("<QQ", data, offset)
        offset += 16
        result[name] = data[offset : offset + size]
        offset += size
    return result


def flat_weights(blob):
    module = torch.jit.load(io.BytesIO(blob))
    tensors = [t.detach().reshape(-1).double() for _, t in sorted(module.named_parameters())]
    return torch.cat(tensors)


a, b = (sections(p)["weights"] for p in sys.argv[1:3])
wa, wb = flat_weights(a), flat_weights(b)
print(f"relative difference {((wa - wb).norm() / wa.norm()).item():.3g}, "
      f"{wa.numel()} parameters, weight sections byte-identical: {a == b}")
