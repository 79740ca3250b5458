"""Standard MIDI Files built by hand, byte by byte, for tests with known answers."""
import struct


def vlq(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.insert(0, (value & 0x7F) | 0x80)
        value >>= 7
    return bytes(out)


def track(events):
    """events: (delta ticks, event bytes) pairs; adds the end-of-track event."""
    data = b"".join(vlq(delta) + event for delta, event in events) + b"\x00\xff\x2f\x00"
    return b"MTrk" + struct.pack(">I", len(data)) + data


def smf(tracks, ticks_per_quarter=96, fmt=1):
    return b"MThd" + struct.pack(">IHHH", 6, fmt, len(tracks), ticks_per_quarter) + b"".join(tracks)


def two_tempo_piece():
    """96 ticks per quarter; 120 BPM, then 240 BPM from tick 192 (1.0 s); 3/4 time.
    Track 1 'Lead', program 40 (violin) on channel 1: C4 (velocity 100) at tick 0 for a
    quarter (0.5 s), E4 (velocity 90) at tick 192 for a quarter (0.25 s at 240 BPM).
    Track 2: a drum note (channel 10, key 36) at tick 96 for 48 ticks."""
    conductor = track([
        (0, b"\xff\x51\x03" + (500000).to_bytes(3, "big")),
        (0, b"\xff\x58\x04\x03\x02\x18\x08"),
        (192, b"\xff\x51\x03" + (250000).to_bytes(3, "big")),
    ])
    lead = track([
        (0, b"\xff\x03\x04Lead"),
        (0, b"\xc0\x28"),
        (0, b"\x90\x3c\x64"),
        (96, b"\x80\x3c\x40"),
        (96, b"\x90\x40\x5a"),
        (96, b"\x90\x40\x00"),
    ])
    drums = track([(96, b"\x99\x24\x70"), (48, b"\x89\x24\x00")])
    return smf([conductor, lead, drums])
