"""load_classifier(): the probabilities of `cadenza classify predict` for the same rows."""
import json

import numpy as np
import pytest


@pytest.fixture(scope="module")
def knn(cli, shared_data, tmp_path_factory):
    model = tmp_path_factory.mktemp("model") / "knn.cdz"
    cli("classify", "train", "--features", shared_data("gtzan/features_30_sec.csv"),
        "--model", "knn", "-o", model)
    return model


def test_probabilities_equal_the_command_line(cadenza, cli, shared_data, knn, tmp_path):
    clips = [shared_data("gtzan/audio/jazz/jazz.00003.flac"),
             shared_data("gtzan/audio/classical/classical.00004.flac")]
    cli("features", *clips, "-o", tmp_path / "f.csv")
    expected = json.loads(cli("classify", "predict", knn, tmp_path / "f.csv", "--json").stdout)
    classifier = cadenza.load_classifier(knn)
    assert classifier.classes_ == expected["labels"] and classifier.kind == "knn"
    assert classifier.segment == 30 and len(classifier.columns) == 57
    features = cadenza.features(clips)
    probabilities = classifier.predict_proba(features)
    assert probabilities.shape == (2, 10)
    for row, expected_row in zip(probabilities, expected["rows"]):
        assert row.tolist() == [expected_row["probabilities"][g] for g in classifier.classes_]
    assert classifier.predict(features).tolist() == [r["predicted"] for r in expected["rows"]]
    # The same rows as a plain array in the model's column order.
    matrix = np.column_stack([features[c] for c in classifier.columns])
    np.testing.assert_array_equal(classifier.predict_proba(matrix), probabilities)


def test_wrong_rows_are_value_errors(cadenza, knn):
    classifier = cadenza.load_classifier(knn)
    with pytest.raises(ValueError, match="rows of 57 features"):
        classifier.predict_proba(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="no column 'chroma_stft_mean'"):
        classifier.predict_proba({"tempo": [120.0]})
