"""load_model().generate(): new pieces from the shipped model (models/jazz.cdz) as `cadenza
generate` makes them, and `import cadenza` alone never loading libtorch.

The generative part is the extension cadenza._torch, built only with libtorch: under ctest
CADENZA_PYTHON_TORCH says whether the build made it (1: it must load; 0: load_model must say
that this build has no libtorch)."""
import os
import pathlib
import subprocess
import sys

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
JAZZ = REPOSITORY / "models" / "jazz.cdz"
GM_PIANO, GM_BASS = 0, 32  # Acoustic Grand Piano, Acoustic Bass


def torch_part_built():
    flag = os.environ.get("CADENZA_PYTHON_TORCH")
    if flag is not None:
        return flag == "1"
    import importlib.util
    return importlib.util.find_spec("cadenza._torch") is not None


@pytest.fixture(scope="module")
def model(cadenza):
    if not torch_part_built():
        pytest.skip("cadenza was built without libtorch (no cadenza._torch)")
    if not JAZZ.is_file():
        pytest.fail(f"the shipped model is missing: {JAZZ}")
    return cadenza.load_model()


def test_without_libtorch_load_model_says_what_the_build_lacks(cadenza):
    if torch_part_built():
        pytest.skip("this build has libtorch")
    with pytest.raises(ImportError, match="needs cadenza built with libtorch"):
        cadenza.load_model()


def test_import_cadenza_alone_does_not_load_libtorch(cadenza):
    # In a fresh interpreter: this one has loaded libtorch for the other tests.
    script = (
        "import cadenza, sys\n"
        "def torch_loaded():\n"
        "    return 'libtorch' in open('/proc/self/maps').read()\n"
        "before = torch_loaded()\n"
        "cadenza.read_midi  # the torch-free part is usable\n"
        "after = None\n"
        "if sys.argv[1] == '1':\n"
        "    cadenza.load_model()\n"
        "    after = torch_loaded()\n"
        "print(before, after)\n")
    built = torch_part_built()
    result = subprocess.run([sys.executable, "-c", script, "1" if built else "0"],
                            capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    # The check can fail: after load_model() libtorch is in the process's maps.
    assert result.stdout.split() == (["False", "True"] if built else ["False", "None"])


def test_the_shipped_model_is_the_jazz_remi_model(cadenza, model):
    assert pathlib.Path(model.path).resolve() == JAZZ.resolve()
    assert model.tokens == "remi"
    assert model.genres == []  # jazz.cdz has no Genre_ tokens
    # The shipped model (docs/arrangements.md): a decoder-only transformer over MidiTok's whole
    # REMI vocabulary, with a context of 1024 tokens.
    assert model.kind == "transformer"
    assert model.vocab_size == len(cadenza.vocabulary("remi")) == 407
    assert model.window == 1024


def test_two_bars_for_piano_and_bass(cadenza, model, tmp_path):
    (piece,) = model.generate(bars=2, instruments=["piano", "bass"], seed=5)
    assert isinstance(piece.score, cadenza.Score)
    assert len(piece.tokens) == len(piece) and piece.generated > 0
    assert piece.tokens.count("Bar_None") == 2  # a REMI bar opens with Bar_None
    notes = piece.score.notes
    assert len(notes) > 0
    assert set(notes["program"]) <= {GM_PIANO, GM_BASS}
    assert not any(track.is_drum for track in piece.score.tracks)
    # The score is the module's Score: it writes a MIDI file that reads back to the same notes.
    path = tmp_path / "piece.mid"
    piece.score.write(path)
    again = cadenza.read_midi(path)
    assert list(again.notes["pitch"]) == list(notes["pitch"])
    assert list(again.notes["start"]) == list(notes["start"])


def test_the_tokens_decode_to_the_score(cadenza, model):
    (piece,) = model.generate(bars=2, instruments="piano,bass", seed=9)
    decoded = cadenza.detokenize(piece.tokens, format="remi")
    assert list(decoded.notes["pitch"]) == list(piece.score.notes["pitch"])
    assert list(decoded.notes["program"]) == list(piece.score.notes["program"])


def test_drums_when_asked(model):
    (piece,) = model.generate(bars=2, instruments=["drums", "bass"], seed=2)
    programs = {"drums" if t.is_drum else t.program for t in piece.score.tracks}
    assert programs <= {"drums", GM_BASS}
    assert "Program_-1" in piece.tokens or "Program_32" in piece.tokens


def test_a_seed_gives_the_same_piece_and_another_seed_another(model):
    first = model.generate(bars=2, instruments=["piano", "bass"], seed=5)[0].tokens
    again = model.generate(bars=2, instruments=["piano", "bass"], seed=5)[0].tokens
    other = model.generate(bars=2, instruments=["piano", "bass"], seed=6)[0].tokens
    assert first == again
    assert first != other


def test_count_draws_the_pieces_in_turn_from_one_seed(model):
    one = model.generate(bars=2, seed=4)
    two = model.generate(bars=2, seed=4, count=2)
    assert len(one) == 1 and len(two) == 2
    assert two[0].tokens == one[0].tokens  # the first draws are the same
    assert two[1].tokens != two[0].tokens


def test_the_same_piece_as_the_command_line(model, cli, tmp_path):
    out = tmp_path / "cli.mid"
    cli("generate", "--bars", 2, "--instruments", "piano,bass", "--seed", 7, "--temperature",
        0.9, "-o", out)
    cli_tokens = (tmp_path / "cli.tokens.txt").read_text().split()
    (piece,) = model.generate(bars=2, instruments=["piano", "bass"], seed=7, temperature=0.9)
    assert piece.tokens == cli_tokens


def test_an_unknown_instrument_lists_the_valid_ones(model):
    with pytest.raises(ValueError, match=r"unknown instrument 'kazoo': expected one of piano,"):
        model.generate(bars=2, instruments=["piano", "kazoo"])


def test_a_genre_for_a_model_without_genres_says_so(model):
    with pytest.raises(ValueError, match=r"--genre blues: .*jazz\.cdz has no genre tokens"):
        model.generate(bars=2, genre="blues")


def test_a_prime_is_continued_and_given_a_new_part(cadenza, model, tmp_path):
    (first,) = model.generate(bars=2, instruments=["piano"], seed=5)
    prime = tmp_path / "prime.mid"
    first.score.write(prime)
    prime_tokens = cadenza.tokenize(prime, format="remi").tokens  # what generate reads of it
    (longer,) = model.generate(bars=2, prime=prime, seed=1)
    assert longer.notes == [f"continuing {prime} ({len(prime_tokens)} REMI tokens)"]
    assert longer.tokens[:len(prime_tokens)] == prime_tokens
    assert longer.tokens.count("Bar_None") == prime_tokens.count("Bar_None") + 2
    assert longer.generated > 0

    (with_bass,) = model.generate(prime=prime, add_part="bass", seed=1)
    def notes_of(score, program):
        notes = score.notes[score.notes["program"] == program]
        return sorted(zip(notes["start_quarters"], notes["pitch"], notes["duration_quarters"]))
    given = cadenza.detokenize(prime_tokens, format="remi")
    assert notes_of(with_bass.score, GM_PIANO) == notes_of(given, GM_PIANO)  # kept as they were
    assert len(notes_of(with_bass.score, GM_BASS)) > 0
    assert set(with_bass.score.notes["program"]) == {GM_PIANO, GM_BASS}
    with pytest.raises(ValueError, match="--add-part needs the piece"):
        model.generate(add_part="bass")
    with pytest.raises(FileNotFoundError, match="no such file"):
        model.generate(prime=tmp_path / "missing.mid")


@pytest.fixture(scope="module")
def tiny_models(model, cli, tmp_path_factory):
    """A tiny genre model (REMI with Genre_folk / Genre_pop) and a tiny model of the paper's
    tokens, trained for one step by the command line as tests/cli/cli_test.sh does (~1 s each)."""
    work = tmp_path_factory.mktemp("tiny_models")
    cli("demo", "--no-train", "--no-arrangement", "--pieces", 2, "--bars", 8, "--seed", 7,
        "-o", work / "demo")
    for genre in ("folk", "pop"):
        cli("tokenize", work / "demo" / "midi", "-o", work / f"{genre}.txt", "--format", "remi",
            "--genre", genre, "--threads", 1)
    folk, pop = ((work / f"{g}.txt").read_text().splitlines(True) for g in ("folk", "pop"))
    (work / "genres.txt").write_text("".join(folk + pop[1:]))  # one corpus header
    cli("train", "--model", "transformer", "--corpus", work / "genres.txt", "-o",
        work / "genre.cdz", "--epochs", 1, "--max-steps-per-epoch", 1, "--window", 64,
        "--batch-size", 2, "--model-dim", 16, "--heads", 2, "--feed-forward", 32,
        "--decoder-blocks", 1, "--threads", 1)
    cli("train", "--corpus", work / "demo" / "corpus.txt", "-o", work / "paper.cdz", "--epochs", 1,
        "--max-steps-per-epoch", 1, "--window", 8, "--batch-size", 4, "--latent", 4,
        "--embedding", 8, "--encoder-hidden", 8, "--decoder-hidden", 8, "--decoder-layers", 1,
        "--threads", 1)
    return work


def test_a_genre_model_lists_its_genres_and_takes_one(cadenza, tiny_models):
    genre_model = cadenza.load_model(tiny_models / "genre.cdz")
    assert genre_model.genres == ["folk", "pop"]
    (default,) = genre_model.generate(bars=1, seed=1)
    assert default.notes == [
        "genre folk (the default; --genre folk, pop)",
        "temperature 1.0 (a genre model's default; --temperature to change it)",
        "genre guidance 2.00 (a genre model's default; --genre-guidance 0 for none)"]
    (pop,) = genre_model.generate(bars=1, seed=1, genre="pop", temperature=0.7, genre_guidance=0)
    assert pop.notes == ["genre pop"]
    (guided,) = genre_model.generate(bars=1, seed=1, genre="pop", genre_guidance=0.5)
    assert "genre guidance 0.50" in guided.notes
    with pytest.raises(ValueError, match="--genre-guidance must be a number >= 0"):
        genre_model.generate(bars=1, genre="pop", genre_guidance=-1)
    with pytest.raises(ValueError, match=r"--genre rock: not a genre of .*genre\.cdz \(folk, pop\)"):
        genre_model.generate(bars=1, genre="rock")


def test_a_model_of_the_paper_tokens_is_not_implemented(cadenza, tiny_models):
    paper = cadenza.load_model(tiny_models / "paper.cdz")
    assert paper.tokens == "paper" and paper.kind == "vae-lstm" and paper.genres == []
    with pytest.raises(NotImplementedError, match="needs a model trained on REMI tokens"):
        paper.generate(bars=2)


def test_bad_arguments_raise_value_errors(model):
    with pytest.raises(ValueError, match=r"--bars must lie in \[1, 1024\]"):
        model.generate(bars=0)
    with pytest.raises(ValueError, match="count must lie in"):
        model.generate(bars=2, count=0)
    with pytest.raises(ValueError, match="time-signature '5/9'"):
        model.generate(bars=2, time_signature="5/9")
    with pytest.raises(ValueError, match="temperature"):
        model.generate(bars=2, temperature=-1)


def test_model_files_that_are_not_models(cadenza, model, tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        cadenza.load_model(tmp_path / "missing.cdz")
    not_a_model = tmp_path / "notes.cdz"
    not_a_model.write_bytes(b"MThd not a checkpoint")
    with pytest.raises(ValueError):
        cadenza.load_model(not_a_model)
    with pytest.raises(ValueError, match="is a folder"):
        cadenza.load_model(tmp_path)


def test_generate_releases_the_gil(model, ticks_inside):
    # With the GIL held for the whole call the other thread could not run inside it at all.
    assert ticks_inside(lambda: model.generate(bars=4, instruments=["piano", "bass"], seed=3)) >= 2
