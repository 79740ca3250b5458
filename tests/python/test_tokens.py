"""tokenize(), detokenize(), vocabulary(): the same tokens and ids as `cadenza tokenize`, the
same notes as `cadenza detokenize`, MidiTok 2.1.8's own tokens where it has them."""
import gzip

import numpy as np
import pytest

from midi_bytes import two_tempo_piece
from token_files import read_corpus, read_ids


def sample_files(shared_data):
    solos = sorted(shared_data("midi/wjazzd_solos").glob("*.mid"))[:3]
    arrangements = sorted(shared_data("midi/midkar_jazz").glob("*.mid"))[:2]
    return sorted(solos + arrangements)  # in the command line's order (sorted paths)


@pytest.mark.parametrize("format", ["remi", "tsd"])
def test_miditok_tokens_and_ids_equal_the_command_line(cadenza, cli, shared_data, tmp_path, format):
    files = sample_files(shared_data)
    corpus = tmp_path / "corpus.txt"
    cli("tokenize", *files, "--format", format, "-o", corpus, "--quiet")
    expected = read_corpus(corpus)
    vocab_size, expected_ids = read_ids(str(corpus) + ".ids")
    results = cadenza.tokenize(files, format=format)
    assert [t.name for t in results] == list(expected)
    for tokens in results:
        assert tokens.format == format
        assert tokens.tokens == expected[tokens.name]
        assert tokens.ids.dtype == np.uint16
        assert tokens.ids.tolist() == expected_ids[tokens.name]
    assert vocab_size == len(cadenza.vocabulary(format))


def test_paper_tokens_equal_the_command_line(cadenza, cli, shared_data, tmp_path):
    files = sample_files(shared_data)[2:]  # solos
    corpus = tmp_path / "corpus.txt"
    cli("tokenize", *files, "-o", corpus, "--quiet")
    expected = read_corpus(corpus)
    results = cadenza.tokenize(files, format="paper")
    assert {t.name: t.tokens for t in results} == expected
    vocabulary = cadenza.vocabulary("paper", corpus=results)
    assert list(vocabulary) == sorted({token for t in results for token in t})
    for tokens in results:
        assert [vocabulary[token] for token in tokens] == tokens.ids.tolist()


def test_folder_gives_the_documents_of_the_command_line(cadenza, cli, shared_data, tmp_path):
    folder = shared_data("midi/kaggle_jazz_subset_lstm_music")
    corpus = tmp_path / "corpus.txt"
    cli("tokenize", folder, "--format", "remi", "-o", corpus, "--quiet")
    expected = read_corpus(corpus)
    results = cadenza.tokenize(folder, format="remi", threads=2)
    assert {t.name: t.tokens for t in results} == expected


def test_remi_equals_miditok_2_1_8(cadenza, shared_data):
    golden = shared_data("midi/wjazzd_solos.remi.tsv.gz")
    with gzip.open(golden, "rt") as lines:
        name, text = next(lines).rstrip("\n").split("\t")
    tokens = cadenza.tokenize(shared_data(f"midi/wjazzd_solos/{name}.mid"))
    assert tokens.tokens == text.split(" ")
    assert tokens.warnings == []


def test_score_bytes_and_path_give_the_same_tokens(cadenza, tmp_path):
    data = two_tempo_piece()
    path = tmp_path / "piece.mid"
    path.write_bytes(data)
    for format in ("remi", "tsd", "paper"):
        from_path = cadenza.tokenize(path, format=format)
        for source in (data, cadenza.read_midi(path), cadenza.read_midi(data)):
            other = cadenza.tokenize(source, format=format)
            assert other.tokens == from_path.tokens, (format, source)
            assert other.ids.tolist() == from_path.ids.tolist()


def test_hand_made_piece_in_remi(cadenza):
    # 3/4 at 120 BPM then 240 BPM; MidiTok's REMI: tempo 240 is not in its 32 values (40-250),
    # the nearest is 243.23; the drum note is Program_-1.
    tokens = cadenza.tokenize(two_tempo_piece(), format="remi")
    assert tokens.tokens[:4] == ["Bar_None", "TimeSig_3/4", "Position_0", "Tempo_121.29"]
    assert "Program_40" in tokens.tokens and "Program_-1" in tokens.tokens
    assert "Pitch_60" in tokens.tokens and "Pitch_64" in tokens.tokens
    vocabulary = cadenza.vocabulary("remi")
    assert len(vocabulary) == 407
    assert (vocabulary["PAD_None"], vocabulary["Bar_None"]) == (0, 4)
    assert tokens.ids.tolist() == [vocabulary[t] for t in tokens]


def test_detokenize_equals_the_command_line(cadenza, cli, shared_data, tmp_path):
    path = sample_files(shared_data)[0]  # a multi-track arrangement (midkar_jazz)
    corpus = tmp_path / "corpus.txt"
    cli("tokenize", path, "--format", "remi", "-o", corpus, "--quiet")
    cli("detokenize", corpus, "-o", tmp_path / "out", "--quiet")
    (written,) = (tmp_path / "out").glob("*.mid")
    expected = cadenza.read_midi(written)
    tokens = cadenza.tokenize(path)
    for decoded in (cadenza.detokenize(tokens), cadenza.detokenize(tokens.tokens, format="remi"),
                    cadenza.detokenize(tokens.ids, format="remi")):
        np.testing.assert_array_equal(decoded.notes, expected.notes)
        assert decoded.to_bytes() == written.read_bytes()
    # Decoding then encoding again gives the tokens back (tokens/miditok_decoder.h).
    assert cadenza.tokenize(cadenza.detokenize(tokens)).tokens == tokens.tokens


def test_detokenize_paper_tokens(cadenza):
    score = cadenza.detokenize(["C4", "0.4.7", "E-5"], format="paper")
    assert score.notes["pitch"].tolist() == [60, 60, 64, 67, 75]
    assert score.notes["start_quarters"].tolist() == [0.0, 0.5, 0.5, 0.5, 1.0]


def test_detokenize_reports_skipped_tokens(cadenza):
    score = cadenza.detokenize(["Bar_None", "Position_0", "Pitch_60", "Velocity_127",
                                "Duration_1.0.8", "Nonsense_1"], format="remi")
    assert score.notes["pitch"].tolist() == [60]
    assert len(score.warnings) == 1 and "skipped 1 tokens" in score.warnings[0]


def test_tokens_pickle(cadenza):
    import pickle
    tokens = cadenza.tokenize(two_tempo_piece(), format="tsd")
    copy = pickle.loads(pickle.dumps(tokens))
    assert (copy.format, copy.name, copy.tokens) == ("tsd", "<bytes>", tokens.tokens)
    assert copy.ids.dtype == np.uint16 and copy.ids.tolist() == tokens.ids.tolist()
