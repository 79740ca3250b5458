#!/bin/bash
# Accuracy and fit+predict seconds of cadenza and of scikit-learn/xgboost, model by model, on
# the fixed GTZAN splits, run one after the other so both see the same machine load.
#   bench/classify/figures.sh BUILD_DIR OUT_DIR [models...]
# Writes OUT_DIR/<data>.<split>.<model>.{cadenza,sklearn}.json and prints a markdown table
# (bench/classify/table.py). Scaler and PCA are fitted on all rows, as the reference table in
# shared/data/gtzan/SOURCES.md was made.
set -euo pipefail
build=${1:?build dir}; out=${2:?output dir}; shift 2
models=${*:-knn svm rf logreg nb xgboost voting stacking mlp}
data=${CADENZA_SHARED_DATA:-$(dirname "$0")/../../../shared/data}/gtzan
here=$(dirname "$0")
mkdir -p "$out"
runs=("features_30_sec paper" "features_3_sec_classical_jazz_rock paper"
      "features_3_sec_classical_jazz_rock by-song")
for model in $models; do
  for run in "${runs[@]}"; do
    set -- $run
    csv=$data/$1.csv; split=$data/splits/$1.$2.test.txt; stem=$out/$1.$2.$model
    "$build/app/cadenza" classify train --features "$csv" --model "$model" -o "$stem.cdz" \
      --protocol "split:$split" --preprocess-on all --json > "$stem.cadenza.json"
    /usr/bin/python3 -W ignore "$here/reference.py" "$csv" "$split" --models "$model" \
      --fit-on all --json > "$stem.sklearn.json"
    echo "$(date +%T) $1 $2 $model done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
done
/usr/bin/python3 "$here/table.py" "$out"
