#!/usr/bin/python3
"""scikit-learn / xgboost reference for `cadenza classify train`.

Same protocol as cadenza: feature columns = all but filename, length, label; MinMax scaling and
PCA (all components) fitted on the training rows; test rows = the names in a split file.
Prints one line per model: accuracy and fit+predict seconds (preprocessing included).

  /usr/bin/python3 bench/classify/reference.py FEATURES.csv SPLIT.test.txt [--models knn,svm]
      [--fit-on all|train] [--json]
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier, StackingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import LabelEncoder, MinMaxScaler
from sklearn.svm import SVC
from xgboost import XGBClassifier


def make(kind):
    knn = lambda: KNeighborsClassifier(n_neighbors=1)
    svm = lambda: SVC(kernel="rbf", C=100, gamma=1)
    rf = lambda: RandomForestClassifier(n_estimators=200, random_state=42)
    xgb = lambda: XGBClassifier(max_depth=7, n_estimators=200, learning_rate=0.1)
    base = lambda: [("knn", knn()), ("svm", svm()), ("rf", rf()), ("xgb", xgb())]
    return {
        "knn": knn,
        "svm": svm,
        "rf": rf,
        "logreg": lambda: LogisticRegression(),
        "nb": lambda: GaussianNB(),
        "xgboost": xgb,
        "mlp": lambda: MLPClassifier(hidden_layer_sizes=(1024, 512, 256, 128, 64), max_iter=300,
                                     random_state=42),
        "voting": lambda: VotingClassifier(base(), voting="hard"),
        "stacking": lambda: StackingClassifier(base(), final_estimator=LogisticRegression()),
    }[kind]()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("features")
    parser.add_argument("split")
    parser.add_argument("--models", default="knn,svm,rf,logreg,nb,xgboost,voting,stacking,mlp")
    parser.add_argument("--fit-on", choices=["train", "all"], default="train")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    data = pd.read_csv(args.features)
    test_names = set(open(args.split).read().split())
    is_test = data["filename"].isin(test_names).to_numpy()
    x = data.drop(columns=["filename", "length", "label"]).to_numpy(dtype=float)
    y = LabelEncoder().fit_transform(data["label"])
    results = []
    for kind in args.models.split(","):
        start = time.perf_counter()
        fit_rows = ~is_test if args.fit_on == "train" else np.ones(len(x), bool)
        scaler = MinMaxScaler().fit(x[fit_rows])
        pca = PCA().fit(scaler.transform(x[fit_rows]))
        z = pca.transform(scaler.transform(x))
        model = make(kind).fit(z[~is_test], y[~is_test])
        predicted = model.predict(z[is_test])
        seconds = time.perf_counter() - start
        accuracy = float(np.mean(predicted == y[is_test]))
        results.append({"model": kind, "accuracy": accuracy, "seconds": seconds,
                        "test_rows": int(is_test.sum())})
        if not args.json:
            print(f"{kind:9s} accuracy {accuracy:.4f}  fit+predict {seconds:.2f} s", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
