"""cadenza from Python: MIDI files as NumPy arrays, MidiTok 2.1.8's REMI / TSD tokens and the
paper's music21 tokens, librosa 0.9.2's GTZAN features and log-mel spectrograms, and genre
classifiers, computed by cadenza's C++ library (the functions the `cadenza` command calls).

    import cadenza, pandas
    score = cadenza.read_midi("song.mid")          # score.tracks[0].notes['pitch'] ...
    tokens = cadenza.tokenize(score, format="remi")  # tokens.tokens, tokens.ids (uint16)
    table = pandas.DataFrame(cadenza.features("blues.00000.wav"))
    cadenza.load_classifier("svm.cdz").predict_proba(table)
    pieces = cadenza.load_model().generate(bars=8, instruments=["piano", "bass"], seed=3)
    pieces[0].score.write("new.mid")                 # pieces[0].tokens: its REMI tokens

docs/python.md walks through it all.
"""
from ._cadenza import (
    GTZAN_SAMPLE_RATE,
    Classifier,
    Score,
    Tokens,
    Track,
    __version__,
    detokenize,
    feature_names,
    features,
    load,
    load_classifier,
    melspectrogram,
    read_midi,
    tokenize,
    vocabulary,
)

__all__ = [
    "GTZAN_SAMPLE_RATE",
    "Classifier",
    "Model",
    "Piece",
    "Score",
    "Tokens",
    "Track",
    "__version__",
    "detokenize",
    "feature_names",
    "features",
    "load",
    "load_classifier",
    "load_model",
    "melspectrogram",
    "read_midi",
    "tokenize",
    "vocabulary",
]

# The generative models need libtorch, which takes a second and hundreds of MiB to load: they
# live in the extension cadenza._torch, imported on the first load_model() (or cadenza.Model /
# cadenza.Piece), so that `import cadenza` alone stays torch-free.
_TORCH_NAMES = ("Model", "Piece")


def _torch_part():
    try:
        from . import _torch
    except ImportError as error:
        import importlib.util

        if importlib.util.find_spec("cadenza._torch") is None:
            raise ImportError(
                "cadenza.load_model needs cadenza built with libtorch (cmake "
                "-DCADENZA_WITH_TORCH=ON, the default): this build has only the torch-free part "
                "(read_midi, tokenize, features, load_classifier)"
            ) from None
        raise ImportError(f"cadenza._torch (the generative models) failed to load: {error}") from error
    return _torch


def load_model(path=None, device="cpu"):
    """A generative model (.cdz from `cadenza train`) as `cadenza generate` uses it; None: the
    shipped jazz model ($CADENZA_MODEL when set, else models/jazz.cdz). Its generate() makes
    new pieces: see docs/python.md."""
    return _torch_part().load_model(path, device)


def __getattr__(name):
    if name in _TORCH_NAMES:
        return getattr(_torch_part(), name)
    raise AttributeError(f"module 'cadenza' has no attribute '{name}'")
