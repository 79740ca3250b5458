#!/usr/bin/python3
"""Markdown table from the JSON files of bench/classify/figures.sh: accuracy and seconds of
cadenza next to scikit-learn/xgboost, per model and data set/split."""
import glob
import json
import os
import sys

out = sys.argv[1]
runs = [("features_30_sec", "paper", "30 s, 10 genres"),
        ("features_3_sec_classical_jazz_rock", "paper", "3 s c/j/r, paper split"),
        ("features_3_sec_classical_jazz_rock", "by-song", "3 s c/j/r, by-song split")]
models = ["knn", "svm", "rf", "logreg", "nb", "xgboost", "voting", "stacking", "mlp"]
print("| model | " + " | ".join(title for _, _, title in runs) + " |")
print("|---|" + "---|" * len(runs))
for model in models:
    cells = []
    for data, split, _ in runs:
        stem = os.path.join(out, f"{data}.{split}.{model}")
        try:
            ours = json.load(open(stem + ".cadenza.json"))
            ref = json.load(open(stem + ".sklearn.json"))[0]
        except (OSError, ValueError, IndexError):
            cells.append("-")
            continue
        seconds = ours["fit_seconds"] + ours["predict_seconds"]
        cells.append(f"{ours['accuracy']:.3f} / {seconds:.2f} s vs {ref['accuracy']:.3f} / "
                     f"{ref['seconds']:.2f} s")
    if any(c != "-" for c in cells):
        print(f"| {model} | " + " | ".join(cells) + " |")
