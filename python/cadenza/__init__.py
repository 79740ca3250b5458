"""cadenza from Python: MIDI files as NumPy arrays, MidiTok 2.1.8's REMI / TSD tokens and the
paper's music21 tokens, librosa 0.9.2's GTZAN features and log-mel spectrograms, and genre
classifiers, computed by cadenza's C++ library (the functions the `cadenza` command calls).

    import cadenza, pandas
    score = cadenza.read_midi("song.mid")          # score.tracks[0].notes['pitch'] ...
    tokens = cadenza.tokenize(score, format="remi")  # tokens.tokens, tokens.ids (uint16)
    table = pandas.DataFrame(cadenza.features("blues.00000.wav"))
    cadenza.load_classifier("svm.cdz").predict_proba(table)

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
    "Score",
    "Tokens",
    "Track",
    "__version__",
    "detokenize",
    "feature_names",
    "features",
    "load",
    "load_classifier",
    "melspectrogram",
    "read_midi",
    "tokenize",
    "vocabulary",
]
