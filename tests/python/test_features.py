"""features() and melspectrogram(): the numbers of `cadenza features` and `cadenza melspec`
(the CSV prints every double exactly, as Python's repr), from files, folders and arrays."""
import csv
import wave

import numpy as np
import pytest


def clip(shared_data, name="jazz/jazz.00000.flac"):
    return shared_data(f"gtzan/audio/{name}")


def read_csv(path):
    with open(path, newline="") as table:
        return list(csv.DictReader(table))


@pytest.mark.parametrize("segment", [30, 3])
def test_rows_equal_the_command_line(cadenza, cli, shared_data, tmp_path, segment):
    path = clip(shared_data)
    cli("features", path, "-o", tmp_path / "f.csv", "--segment", segment)
    expected = read_csv(tmp_path / "f.csv")
    got = cadenza.features(path, segment=segment)
    assert list(got) == list(expected[0])  # filename, the 58 numbers, label
    assert len(got["filename"]) == len(expected) == (1 if segment == 30 else 10)
    for name, values in got.items():
        if name in ("filename", "label"):
            assert values.tolist() == [row[name] for row in expected]
        else:
            assert values.tolist() == [float(row[name]) for row in expected], name


def test_several_files_and_folders(cadenza, cli, shared_data, tmp_path):
    files = [clip(shared_data, "rock/rock.00001.flac"), clip(shared_data, "blues/blues.00002.wav")]
    cli("features", *files, "-o", tmp_path / "f.csv", "--extra")
    expected = read_csv(tmp_path / "f.csv")
    got = cadenza.features(files, extra=True, threads=2)
    assert got["filename"].tolist() == [row["filename"] for row in expected]
    assert got["label"].tolist() == ["rock", "blues"]
    assert list(got) == list(expected[0])
    for name in cadenza.feature_names(extra=True):
        assert got[name].tolist() == [float(row[name]) for row in expected], name


def write_wav(path, samples, rate):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


@pytest.mark.parametrize("rate", [22050, 44100])
def test_an_array_gives_the_numbers_of_its_file(cadenza, tmp_path, rate):
    t = np.arange(4 * rate) / rate
    pcm = np.round(8000 * np.sin(2 * np.pi * 440 * t) * (1 + np.sin(2 * np.pi * 2 * t))).astype(np.int16)
    write_wav(tmp_path / "tone.wav", pcm, rate)
    y, sr = cadenza.load(tmp_path / "tone.wav", sr=None)  # librosa.load's samples
    assert sr == rate
    np.testing.assert_array_equal(y, pcm.astype(np.float32) / 32768)
    from_file = cadenza.features(tmp_path / "tone.wav", segment=3)
    from_array = cadenza.features(pcm.astype(np.float32) / 32768, sr=rate, segment=3)
    assert "filename" not in from_array and "label" not in from_array
    assert list(from_array) == cadenza.feature_names()
    for name in cadenza.feature_names():
        assert from_array[name].tolist() == from_file[name].tolist(), name
    assert from_array["length"].tolist() == [66149.0]


def test_pandas_reads_it_as_the_csv(cadenza, cli, shared_data, tmp_path):
    pandas = pytest.importorskip("pandas")
    path = clip(shared_data)
    cli("features", path, "-o", tmp_path / "f.csv", "--segment", 3)
    table = pandas.DataFrame(cadenza.features(path, segment=3))
    expected = pandas.read_csv(tmp_path / "f.csv")
    pandas.testing.assert_frame_equal(table, expected, check_dtype=False)


def test_melspectrogram_equals_the_command_line(cadenza, cli, shared_data, tmp_path):
    path = clip(shared_data)
    cli("melspec", path, "-o", tmp_path, "--no-augment", "--no-png")
    expected = np.load(tmp_path / "jazz.00000.npy")
    got = cadenza.melspectrogram(path)
    assert got.dtype == np.float32 and got.shape == expected.shape == (128, 1293)
    np.testing.assert_array_equal(got, expected)
    (listed,) = cadenza.melspectrogram([path])
    np.testing.assert_array_equal(listed, expected)


def test_long_calls_release_the_gil(cadenza, shared_data, ticks_inside):
    path = clip(shared_data)
    # With the GIL held for the whole call the other thread could not run inside it at all.
    assert ticks_inside(lambda: cadenza.features(path, segment=3, threads=1)) >= 2
