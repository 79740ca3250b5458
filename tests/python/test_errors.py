"""Bad input raises the Python exception a user catches for it, with the command line's
message; nothing crashes the interpreter."""
import numpy as np
import pytest

from midi_bytes import two_tempo_piece


def test_missing_files_are_file_not_found(cadenza, tmp_path):
    missing = tmp_path / "missing.mid"
    for call in (lambda: cadenza.read_midi(missing), lambda: cadenza.tokenize(missing),
                 lambda: cadenza.tokenize([missing], format="paper"),
                 lambda: cadenza.features(tmp_path / "missing.wav"),
                 lambda: cadenza.melspectrogram(tmp_path / "missing.wav"),
                 lambda: cadenza.load_classifier(tmp_path / "missing.cdz")):
        with pytest.raises(FileNotFoundError, match="missing.*: no such file"):
            call()


def test_bad_midi_bytes_name_the_offset(cadenza):
    with pytest.raises(ValueError, match=r"^<bytes>: byte 0: not a MIDI file \(expected 'MThd'\)"):
        cadenza.read_midi(b"JUNK not a MIDI file")
    with pytest.raises(ValueError, match="empty file"):
        cadenza.read_midi(b"")
    cut = two_tempo_piece()[:-10]
    for call in (lambda: cadenza.read_midi(cut), lambda: cadenza.tokenize(cut),
                 lambda: cadenza.tokenize(cut, format="paper")):
        with pytest.raises(ValueError, match="truncated"):
            call()


def test_messages_are_the_command_lines(cadenza, cli, tmp_path):
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd\x00\x00\x00\x06\x00\x01\x00\x01\x00\x60MTrk\x00\x00\x00\x09\x00\x90")
    result = cli("tokenize", bad, "--format", "remi", "-o", tmp_path / "c.txt", check=False)
    assert result.returncode == 1
    prefix = "cadenza tokenize: skipped: "
    (message,) = [line[len(prefix):] for line in result.stderr.splitlines() if line.startswith(prefix)]
    with pytest.raises(ValueError) as error:
        cadenza.tokenize(bad)
    assert str(error.value) == message
    assert cadenza.tokenize([bad, bad], on_error="skip") == [None, None]
    with pytest.raises(ValueError, match="2 of 2 files failed, the first: "):
        cadenza.tokenize([bad, bad])


def test_bad_audio_and_arguments_are_value_errors(cadenza, tmp_path):
    noise = tmp_path / "noise.wav"
    noise.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    with pytest.raises(ValueError, match="noise.wav"):
        cadenza.features(noise)
    with pytest.raises(ValueError, match="too short: 100 samples"):
        cadenza.features(np.zeros(100, dtype=np.float32))
    with pytest.raises(ValueError, match="mono"):
        cadenza.features(np.zeros((2, 30000), dtype=np.float32))
    with pytest.raises(ValueError, match="segment 10: expected 30 or 3"):
        cadenza.features(np.zeros(30000, dtype=np.float32), segment=10)
    with pytest.raises(ValueError, match="format 'abc'"):
        cadenza.tokenize(two_tempo_piece(), format="abc")
    with pytest.raises(ValueError, match="outside MidiTok's REMI vocabulary"):
        cadenza.detokenize(np.array([4, 999]), format="remi")
    with pytest.raises(ValueError, match="token 2 'H9' is neither a pitch name"):
        cadenza.detokenize(["C4", "H9"], format="paper")
    with pytest.raises(TypeError):
        cadenza.read_midi(42)


def test_damaged_model_file_and_unwritable_output(cadenza, tmp_path):
    damaged = tmp_path / "model.cdz"
    damaged.write_bytes(b"CDZGENRE" + bytes(40))
    with pytest.raises(ValueError, match="model.cdz"):
        cadenza.load_classifier(damaged)
    score = cadenza.read_midi(two_tempo_piece())
    with pytest.raises(OSError):
        score.write(tmp_path / "no such folder" / "out.mid")
