# Type stubs of the cadenza module (python/*.cpp), for editors and type checkers.
import os
from typing import Iterator, Literal, Mapping, Sequence, overload

import numpy as np
import numpy.typing as npt

__version__: str
GTZAN_SAMPLE_RATE: int  # 22050

_Path = str | os.PathLike[str]
_Bytes = bytes | bytearray | memoryview
_Format = Literal["remi", "tsd", "paper"]
_OnError = Literal["raise", "skip"]
_Resample = Literal["kaiser_best", "kaiser_fast", "soxr"]

class Track:
    """The notes of one MIDI track, and what plays them."""

    index: int  # the track's number in the MIDI file
    name: str
    instrument: str
    program: int
    channel: int
    is_drum: bool
    # fields: start, duration (int64 ticks), start_quarters, duration_quarters,
    # start_seconds, duration_seconds (float64), pitch, velocity (uint8)
    notes: np.ndarray
    def __len__(self) -> int: ...

class Score:
    """A MIDI file: notes in ticks, quarter notes and seconds, tempos, signatures."""

    ticks_per_quarter: int
    tpq: int
    tracks: list[Track]  # the MIDI tracks that have notes
    notes: np.ndarray  # every note: Track.notes' fields plus track, channel, program
    tempos: np.ndarray  # fields: tick, seconds, bpm
    time_signatures: np.ndarray  # fields: tick, seconds, numerator, denominator
    key_signatures: np.ndarray  # fields: tick, sharps, minor
    duration_seconds: float
    source: str  # the path, '<bytes>', or what made it ('<REMI tokens>')
    warnings: list[str]  # what the reader tolerated, tokens detokenize() skipped
    def write(self, path: _Path) -> None: ...
    def to_bytes(self) -> bytes: ...

class Tokens:
    """The tokens of one MIDI file: strings and ids."""

    format: str  # 'remi', 'tsd' or 'paper'
    name: str
    tokens: list[str]
    ids: npt.NDArray[np.uint16]
    warnings: list[str]
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]: ...

class Classifier:
    """A genre classifier from `cadenza classify train`."""

    classes_: list[str]
    classes: list[str]
    columns: list[str]
    segment: int  # 30 or 3
    kind: str
    def predict_proba(
        self, X: npt.ArrayLike | Mapping[str, npt.ArrayLike]
    ) -> npt.NDArray[np.float64]: ...
    def predict(self, X: npt.ArrayLike | Mapping[str, npt.ArrayLike]) -> npt.NDArray[np.str_]: ...

class Piece:
    """One generated piece: its REMI tokens and their score (Model.generate)."""

    tokens: list[str]  # REMI tokens, a prime's first
    score: Score
    generated: int  # tokens drawn from the model
    notes: list[str]  # what the request became: nearest tempo, default genre, prime
    def __len__(self) -> int: ...

class Model:
    """A generative model (.cdz from `cadenza train`); needs cadenza built with libtorch."""

    path: str
    kind: str  # 'vae-lstm', 'vae-transformer', 'transformer-lm', ...
    tokens: str  # 'remi' or 'paper'
    vocab_size: int
    window: int  # context window (tokens)
    genres: list[str]  # a genre model's genres; [] otherwise
    def generate(
        self,
        *,
        bars: int = ...,
        instruments: Sequence[str | int] | str | None = ...,
        tempo: float | None = ...,
        time_signature: str | None = ...,
        genre: str | None = ...,
        genre_guidance: float | None = ...,  # None: 2.0 for a genre model (docs/genre.md)
        prime: _Path | None = ...,
        add_part: str | None = ...,
        temperature: float | None = ...,
        top_k: int = ...,
        top_p: float = ...,
        seed: int = ...,
        count: int = ...,
        threads: int = ...,
    ) -> list[Piece]: ...

def read_midi(source: _Path | _Bytes) -> Score: ...
@overload
def tokenize(
    midi: Score | _Path | _Bytes, format: _Format = ..., threads: int = ..., on_error: _OnError = ...
) -> Tokens: ...
@overload
def tokenize(
    midi: Sequence[Score | _Path | _Bytes],
    format: _Format = ...,
    threads: int = ...,
    on_error: _OnError = ...,
) -> list[Tokens | None]: ...
def detokenize(
    tokens: Tokens | Sequence[str] | npt.ArrayLike,
    format: Literal["auto", "remi", "tsd", "paper"] = ...,
    ticks_per_beat: int = ...,
    miditok_bars: bool = ...,
) -> Score: ...
def vocabulary(
    format: _Format = ..., corpus: Sequence[Tokens | Sequence[str]] | None = ...
) -> dict[str, int]: ...
def load(
    path: _Path, sr: int | None = ..., resample: _Resample = ...
) -> tuple[npt.NDArray[np.float32], int]: ...
def feature_names(extra: bool = ...) -> list[str]: ...
def features(
    y: npt.ArrayLike | _Path | Sequence[_Path],
    sr: int = ...,
    segment: Literal[30, 3] = ...,
    extra: bool = ...,
    threads: int = ...,
    resample: _Resample = ...,
    on_error: _OnError = ...,
) -> dict[str, np.ndarray]: ...
@overload
def melspectrogram(
    y: npt.ArrayLike | _Path,
    sr: int = ...,
    n_mels: int = ...,
    threads: int = ...,
    resample: _Resample = ...,
) -> npt.NDArray[np.float32]: ...
@overload
def melspectrogram(
    y: Sequence[_Path],
    sr: int = ...,
    n_mels: int = ...,
    threads: int = ...,
    resample: _Resample = ...,
) -> list[npt.NDArray[np.float32]]: ...
def load_classifier(path: _Path) -> Classifier: ...
def load_model(path: _Path | None = ..., device: str = ...) -> Model: ...
