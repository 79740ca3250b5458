"""read_midi(): notes, tempos and signatures against hand-computed values, from a path and from
bytes; write() and to_bytes() round trips; note counts of real files against mido."""
import numpy as np
import pytest

from midi_bytes import two_tempo_piece


def test_notes_in_ticks_quarters_and_seconds(cadenza):
    score = cadenza.read_midi(two_tempo_piece())
    assert score.ticks_per_quarter == 96
    lead, drums = score.tracks
    assert (lead.index, lead.name, lead.program, lead.channel, lead.is_drum) == (1, "Lead", 40, 0, False)
    notes = lead.notes
    assert notes["start"].tolist() == [0, 192]
    assert notes["duration"].tolist() == [96, 96]
    assert notes["start_quarters"].tolist() == [0.0, 2.0]
    assert notes["duration_quarters"].tolist() == [1.0, 1.0]
    assert notes["start_seconds"].tolist() == pytest.approx([0.0, 1.0])
    assert notes["duration_seconds"].tolist() == pytest.approx([0.5, 0.25])
    assert notes["pitch"].tolist() == [60, 64]
    assert notes["velocity"].tolist() == [100, 90]
    assert (drums.is_drum, drums.channel, len(drums)) == (True, 9, 1)
    assert drums.notes["start_seconds"].tolist() == pytest.approx([0.5])
    assert drums.notes["duration_seconds"].tolist() == pytest.approx([0.25])


def test_score_wide_notes_tempos_and_signatures(cadenza):
    score = cadenza.read_midi(two_tempo_piece())
    assert score.notes["pitch"].tolist() == [60, 36, 64]  # by onset
    assert score.notes["track"].tolist() == [1, 2, 1]
    assert score.notes["program"].tolist() == [40, 0, 40]
    assert score.tempos["tick"].tolist() == [0, 192]
    assert score.tempos["bpm"].tolist() == pytest.approx([120.0, 240.0])
    assert score.tempos["seconds"].tolist() == pytest.approx([0.0, 1.0])
    signature = score.time_signatures[0]
    assert (signature["tick"], signature["numerator"], signature["denominator"]) == (0, 3, 4)
    assert score.duration_seconds == pytest.approx(1.25)


def test_path_bytes_and_written_file_agree(cadenza, tmp_path):
    data = two_tempo_piece()
    path = tmp_path / "piece.mid"
    path.write_bytes(data)
    from_path = cadenza.read_midi(path)
    from_str = cadenza.read_midi(str(path))
    from_bytes = cadenza.read_midi(bytearray(data))
    assert from_path.source == str(path) and from_bytes.source == "<bytes>"
    for other in (from_str, from_bytes, cadenza.read_midi(from_path.to_bytes())):
        np.testing.assert_array_equal(other.notes, from_path.notes)
    written = tmp_path / "written.mid"
    from_bytes.write(written)
    np.testing.assert_array_equal(cadenza.read_midi(written).notes, from_path.notes)


def test_note_counts_of_real_files_match_mido(cadenza, shared_data):
    mido = pytest.importorskip("mido")
    folder = shared_data("midi/wjazzd_solos")
    for path in sorted(folder.glob("*.mid"))[:5]:
        note_ons = sum(1 for message in mido.MidiFile(path)
                       if message.type == "note_on" and message.velocity > 0)
        score = cadenza.read_midi(path)
        assert len(score.notes) == note_ons, path
        assert sum(len(t) for t in score.tracks) == note_ons


def test_scores_pickle_by_their_bytes(cadenza):
    import pickle
    score = cadenza.read_midi(two_tempo_piece())
    copy = pickle.loads(pickle.dumps(score))
    np.testing.assert_array_equal(copy.notes, score.notes)
    assert copy.to_bytes() == score.to_bytes() and copy.source == "<bytes>"
