#!/usr/bin/env bash
# Recomputes every figure of README.md's "Measured" table on this machine, next to its
# reference where one runs here (../shared/oracles: librosa 0.9.2; Debian's python3-sklearn,
# python3-xgboost and python3-torch), and prints the table in markdown.
#
#   bench/figures.sh --quick|--full [--build DIR] [--out DIR] [--only name,name,...] [--no-build]
#
# --quick (about 10 minutes of a quiet 2-core machine): every row runs, the slow ones on less
#         (CNN 1 seed x 2 epochs, paper preset 1 x 20 steps, default models 1 epoch, genre-check
#         with a 10-epoch MLP, 1-epoch generator, 5 pieces, 20 real files, 60 s of fuzzing, 4 of
#         9 classifiers); such rows say QUICK in their "run" column and are NOT the documented
#         figures.
# --full  (an hour or more): the documented commands (docs/*.md), which reproduce the figures.
# Rows (for --only): tokenizer tokenize-speed midi features features-speed classifiers cnn
#                    genre-check paper-preset default-models train-speed generation cuda demo
# Needs a Release build with libtorch (scripts/build); the targets it uses are built first.
# Every command's output goes to OUT/logs/<row>.log; the table to OUT/figures.md.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=""
build="$root/build"
out=""
only=""
no_build=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --build) build="$2"; shift ;;
    --out) out="$2"; shift ;;
    --only) only=",$2,"; shift ;;
    --no-build) no_build=1 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "figures.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n "$mode" ]] || { echo "usage: bench/figures.sh --quick|--full [--build DIR] [--out DIR] [--only rows]" >&2; exit 2; }
out="${out:-/tmp/cadenza-figures-$mode}"
mkdir -p "$out/logs" "$out/work"
build="$(cd "$build" && pwd)"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}"
data="$(cd "$data" && pwd)"
oracles="$(cd "$data/../oracles" && pwd)"
C="$build/app/cadenza"
py=/usr/bin/python3
table="$out/figures.md"
quick() { [[ "$mode" == quick ]]; }
wanted() { [[ -z "$only" || "$only" == *",$1,"* ]]; }
say() { echo "$(date +%T) [$1] $2 (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2; }

# row NAME WHAT RUN CADENZA REFERENCE DOCUMENTED
row() {
  printf '| %s | %s | %s | %s | %s |\n' "$2" "$3" "$4" "$5" "$6" >> "$table.rows"
  printf '%s\t%s\n' "$1" "$4" >> "$out/rows.tsv"
}
# run NAME CMD...: runs the command with its output appended to logs/NAME.log; returns its status
run() {
  local name="$1"; shift
  echo "\$ $*" >> "$out/logs/$name.log"
  "$@" >> "$out/logs/$name.log" 2>&1
}
# run_json NAME FILE CMD...: as run, but the command's standard output (JSON) goes to FILE
run_json() {
  local name="$1" file="$2"; shift 2
  echo "\$ $* > $file" >> "$out/logs/$name.log"
  "$@" > "$file" 2>> "$out/logs/$name.log"
}
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$@"; }
now() { date +%s.%N; }
have_python() { $py -c "import $1" 2>/dev/null; }

: > "$table.rows"
: > "$out/rows.tsv"
started=$(now)
{
  echo "figures.sh --$mode, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$root" rev-parse --short HEAD) on $(hostname)"
  echo "$(nproc) cores; before: $(uptime)"
} > "$out/header.txt"
targets="cadenza test_tokens test_score"
ninja -C "$build" -t targets all 2> /dev/null | grep -q '^features_benchmark:' && targets="$targets features_benchmark"
if [[ $no_build == 0 ]]; then
  say setup "building the targets used: ninja -C $build $targets"
  ninja -C "$build" -j2 $targets > "$out/logs/build.log" 2>&1 || { echo "build failed: $out/logs/build.log" >&2; exit 1; }
fi

# --- tokenizer agreement with music21 -------------------------------------------------------
if wanted tokenizer; then
  say tokenizer "paper tokenizer vs music21 goldens"
  run tokenizer "$build/tests/tokens/test_tokens" --gtest_filter='PaperTokenizer.MatchesMusic21*'
  cells=$(sed -n 's/^\[ info \] \([a-z_0-9]*\): \([0-9]*\)\/\([0-9]*\) files identical.*/\1 \2 \3/p' "$out/logs/tokenizer.log" |
    awk '{s += $2; n += $3; printf "%s %d/%d; ", $1, $2, $3} END {printf "all %d/%d (%.1f%%)", s, n, 100 * s / n}')
  row tokenizer "tokenizer agreement with music21 9.1 (3 jazz collections)" "all files" "$cells" \
    "music21 9.1's own tokens (shared/data/midi/*.music21; music21 is not installed here)" "1,043/1,055 identical (98.9%)"
fi

# --- tokenize speed -----------------------------------------------------------------------------
if wanted tokenize-speed; then
  repeats=3; quick && repeats=1
  say tokenize-speed "bench/tokenize.sh, best of $repeats"
  run tokenize-speed "$root/bench/tokenize.sh" "$C" 0 "$repeats"
  cell=$(awk '$1 == "midkar_jazz" || $1 == "wjazzd_solos" {printf "%s: %.0f files/s (%s, whole process %s); ", $1, $6, $9, $10}' "$out/logs/tokenize-speed.log")
  row tokenize-speed "\`tokenize\`, all cores" "best of $repeats" "${cell%; }" \
    "music21: 2.4 s (midkar) and 0.30 s (wjazzd) per file, from SOURCES.md (not installed here)" \
    "midkar 1,806 files/s (4,334x); wjazzd 8,500 files/s (2,550x); whole process 2,057x / 269x"
fi

# --- MIDI reading: round trip of every shared file, fuzzing -----------------------------------
if wanted midi; then
  say midi "round trip of every shared MIDI file"
  files=$(find "$data/midi" -mindepth 2 -maxdepth 2 -name '*.mid' -path '*/midi/*/*' ! -path '*.music21/*' | wc -l)
  if run midi "$build/tests/score/test_score" --gtest_filter='Shared/RoundTrip.*'; then trip="read -> write -> read identical for all $files files"; else trip="ROUND TRIP FAILED (logs/midi.log)"; fi
  fuzz_seconds=600; quick && fuzz_seconds=60
  fuzz_build="$out/build-fuzz"
  fuzzer="$fuzz_build/fuzz/midi_reader_fuzzer"
  if [[ ! -x "$fuzzer" ]] && command -v clang++ > /dev/null; then
    say midi "building the libFuzzer target (clang)"
    CC=clang CXX=clang++ run midi cmake -S "$root" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCADENZA_BUILD_FUZZ=ON -DCADENZA_WITH_TORCH=OFF -DCADENZA_BUILD_BENCH=OFF -DCADENZA_BUILD_TESTS=OFF &&
      run midi ninja -C "$fuzz_build" -j2 midi_reader_fuzzer
  fi
  if [[ -x "$fuzzer" ]]; then
    say midi "fuzzing the MIDI reader for $fuzz_seconds s"
    mkdir -p "$out/work/fuzz"
    run midi "$fuzzer" "$out/work/fuzz" "$root/fuzz/corpus/midi_reader" -max_total_time="$fuzz_seconds" \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/logs/midi.log" | tail -1)
    if [[ $status -eq 0 ]]; then fuzz="$fuzz_seconds s of libFuzzer, $execs executions, no finding"; else fuzz="libFuzzer FOUND A CRASH (logs/midi.log)"; fi
  else
    fuzz="fuzzer not built (needs clang)"
  fi
  row midi "MIDI reading" "all files; fuzz $fuzz_seconds s" "$trip; $fuzz" "" \
    "all 2,387 files identical; 10 min of libFuzzer, 1,029,089 executions, no finding"
fi

# --- GTZAN features against librosa, and their speed ---------------------------------------
if wanted features || wanted features-speed; then
  say features "bench/features.sh: every shared clip, 30 s and 3 s rows, against librosa 0.9.2"
  run features "$root/bench/features.sh" "$build" 0
fi
if wanted features; then
  worst() { grep -A 200 "## $1" "$out/logs/features.log" | sed -n 's/^worst column median \([^,]*\), worst value \([^,]*\), tempo equal \(.*\)$/median \1, worst \2, tempo equal \3/p' | head -1; }
  row features "GTZAN features vs librosa 0.9.2 (93 clips, 930 windows), error / column std" "all clips" \
    "30 s: $(worst '30 s vs librosa'); 3 s: $(worst '3 s vs librosa')" \
    "librosa 0.9.2's rows (shared/data/gtzan/librosa, made with ../shared/oracles)" \
    "worst median 1.0e-6, worst value 1.6e-4, tempo equal 100%"
fi
if wanted features-speed; then
  ours=$(awk '/ClipAllFeatures/ && $2 ~ /^[0-9.]+$/ {print ($3 == "ms" ? $2 / 1000 : $2); exit}' "$out/logs/features.log")
  [[ -n "$ours" ]] || ours="?"
  clips=11; quick && clips=3
  ref="librosa not run"
  if have_python numpy && have_python scipy; then
    say features-speed "librosa 0.9.2 on $clips clips (the first only compiles numba's code)"
    mapfile -t audio < <(find "$data/gtzan/audio/jazz" -name 'jazz.000[0-4]*.flac' | sort | head -"$clips")
    OMP_NUM_THREADS=1 NUMBA_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH="$oracles/librosa" \
      run features-speed $py "$oracles/features_librosa.py" "$out/work/librosa" "${audio[@]}"
    # seconds per clip: the 30 s row's features plus the ten 3 s rows, the first clip left out
    ref=$($py -c 'import statistics, sys; rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()[2:]]; print(f"{statistics.median(float(r[-2]) + float(r[-1]) for r in rows):.2f}")' "$out/work/librosa_times.tsv")
    speedup=$(python3 -c "print(f'{float(\"$ref\") / float(\"$ours\"):.0f}x')" 2>/dev/null || echo "?")
    ref="librosa 0.9.2: $ref s per clip (median of $((clips - 1)) clips, side by side); cadenza $speedup faster"
  fi
  row features-speed "features, 30 s row + its ten 3 s rows, one thread" "benchmark; librosa on $((clips - 1)) clips" \
    "$ours s per clip (features_benchmark ClipAllFeatures)" "$ref" "0.095 s per clip; whole process 0.156 s, 24.7x librosa"
fi

# --- genre classifiers on the fixed GTZAN splits ------------------------------------------------
if wanted classifiers; then
  models="knn svm rf logreg nb xgboost voting stacking mlp"
  quick && models="knn svm logreg nb"
  if have_python sklearn && have_python xgboost && have_python pandas; then
    say classifiers "bench/classify/figures.sh: $models, cadenza and scikit-learn/xgboost"
    run classifiers "$root/bench/classify/figures.sh" "$build" "$out/work/classify" $models
    cp "$out/logs/classifiers.log" "$out/classifiers.txt"
    cell=$($py - "$out/work/classify" $models << 'PY'
import json, sys, os
out, models = sys.argv[1], sys.argv[2:]
runs = [("features_30_sec", "paper"), ("features_3_sec_classical_jazz_rock", "paper"),
        ("features_3_sec_classical_jazz_rock", "by-song")]
cells = []
for m in models:
    diffs = []
    for data, split in runs:
        stem = os.path.join(out, f"{data}.{split}.{m}")
        try:
            ours = json.load(open(stem + ".cadenza.json"))["accuracy"]
            ref = json.load(open(stem + ".sklearn.json"))[0]["accuracy"]
            diffs.append(100 * (ours - ref))
        except (OSError, ValueError, IndexError, KeyError):
            pass
    if not diffs:
        cells.append(f"{m} failed")
    elif all(abs(d) < 1e-9 for d in diffs):
        cells.append(f"{m} equal")
    else:
        cells.append(m + " " + "/".join(f"{d:+.1f}" for d in diffs))
print("; ".join(cells) + " (points vs reference on 30 s paper / 3 s paper / 3 s by-song; tables in figures.md)")
PY
)
    ref="scikit-learn $($py -c 'import sklearn; print(sklearn.__version__)'), xgboost $($py -c 'import xgboost; print(xgboost.__version__)'), side by side"
  else
    cell="not run"; ref="needs Debian's python3-sklearn, python3-xgboost and python3-pandas"
  fi
  run_label="all 9 models"; quick && run_label="4 of 9 models (knn svm logreg nb)"
  row classifiers "genre classifiers on the fixed GTZAN splits" "$run_label" "$cell" "$ref" \
    "KNN, SVM, logreg, NB, XGBoost equal; forest, voting, MLP within 1.5 points or better; stacking 30 s 4 points under"
fi

# --- CNN on log-mel spectrograms --------------------------------------------------------------
if wanted cnn; then
  G="$data/gtzan"
  split="$G/splits/features_3_sec_classical_jazz_rock.by-song.test.txt"
  # The three genres' clips, linked file by file (the audio readers do not follow linked folders).
  for genre in classical jazz rock; do
    mkdir -p "$out/work/cnn/audio/$genre"
    find "$G/audio/$genre" -type f -exec ln -sf {} "$out/work/cnn/audio/$genre/" \;
  done
  seeds="42 7 123"; epochs=(); quick && { seeds=42; epochs=(--epochs 2); }
  cells=""
  for seed in $seeds; do
    say cnn "train-cnn seed $seed ${epochs[*]}"
    start=$(now)
    if run_json cnn "$out/work/cnn/cnn.$seed.json" "$C" classify train-cnn --audio "$out/work/cnn/audio" \
      -o "$out/work/cnn/cnn.$seed.cdz" --protocol "split:$split" --seed "$seed" --threads 1 --json "${epochs[@]}"; then
      cells+=$($py - "$out/work/cnn/cnn.$seed.json" << 'PY'
import json, sys
j = json.load(open(sys.argv[1]))
w, s = j["windows"], j["songs"]
per = sum(e["seconds"] for e in j["history"]) / len(j["history"])
n = j["song_counts"]["test"]
print(f"seed {j['seed']}: windows {w['accuracy']:.3f}, songs {round(s['accuracy'] * n)}/{n}, "
      f"{j['epochs_run']} epochs, {per:.1f} s per epoch; ", end="")
PY
)
    else
      cells+="seed $seed failed; "
    fi
  done
  # Reference: SVM on cadenza's 3 s features of the same clips, the same test songs.
  say cnn "reference: SVM on 3 s features of the same songs"
  run cnn "$C" features "$out/work/cnn/audio" -o "$out/work/cnn/f3.csv" --segment 3 --threads 0
  ref="SVM not run"
  # The split file names the windows of Kaggle's 100 songs per genre: keep those of the clips here.
  cut -d, -f1 "$out/work/cnn/f3.csv" | grep -F -x -f - "$split" > "$out/work/cnn/test_windows.txt"
  if run_json cnn "$out/work/cnn/svm.json" "$C" classify train --features "$out/work/cnn/f3.csv" --model svm \
    -o "$out/work/cnn/svm.cdz" --protocol "split:$out/work/cnn/test_windows.txt" --json; then
    ref=$($py - "$out/work/cnn/svm.json" << 'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(f"SVM on cadenza's 3 s features of the same songs: {j['accuracy']:.3f} ({j['test_rows']} test windows)")
PY
)
  fi
  run_label="3 seeds, documented command"; quick && run_label="QUICK: seed 42, 2 epochs"
  row cnn "CNN on log-mel, classical/jazz/rock, 3 s windows, 18 test songs of the fixed by-song split" "$run_label" \
    "${cells%; }" "$ref" "windows 0.983 (0.978-0.989), songs 18/18, ~5 s per epoch; SVM/MLP 0.967"
fi

# --- generators: paper preset, default models, speed, time to 3.2 --------------------------------
jazz="$data/tokens/jazz.txt"
# best val CE, its KL and epoch, from a metrics CSV
metrics() {
  $py - "$1" << 'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
best = min(rows, key=lambda r: float(r["val_ce"]))
print(f"val CE {float(best['val_ce']):.3f} (KL {float(best['val_kl']):.2g}, epoch {best['epoch']} of {len(rows)})")
PY
}
if wanted paper-preset; then
  steps=200; paper_epochs=2; quick && { steps=20; paper_epochs=1; }
  say paper-preset "--preset paper, $paper_epochs x $steps steps"
  run paper-preset "$C" train --model vae-lstm --preset paper --corpus "$jazz" -o "$out/work/paper.cdz" \
    --epochs "$paper_epochs" --max-steps-per-epoch "$steps" --threads 1
  label="2 x 200 steps (documented)"; quick && label="QUICK: 1 x 20 steps"
  row paper-preset "\`--preset paper\` VAE-LSTM on jazz.txt (90/10)" "$label" \
    "$(metrics "$out/work/paper.metrics.csv" 2>/dev/null || echo failed)" "paper: 4.80, KL 2.7e-5" "val CE 5.00, KL 6e-6"
fi
if wanted default-models || wanted train-speed || wanted generation; then
  epochs=30; quick && epochs=1
  for model in lstm transformer; do
    [[ $model == transformer ]] && ! wanted default-models && continue
    extra=(); quick && [[ $model == transformer ]] && extra=(--max-steps-per-epoch 40)
    say default-models "default vae-$model, $epochs epochs"
    start=$(now)
    run default-models "$C" train --model "vae-$model" --corpus "$jazz" -o "$out/work/$model.cdz" \
      --epochs "$epochs" --augment-transpose --threads 1 "${extra[@]}"
  done
fi
if wanted default-models; then
  label="30 epochs (documented)"; quick && label="QUICK: 1 epoch (transformer 40 steps)"
  row default-models "default VAE-LSTM / VAE-Transformer on jazz.txt" "$label" \
    "LSTM $(metrics "$out/work/lstm.metrics.csv" 2>/dev/null || echo failed) / Transformer $(metrics "$out/work/transformer.metrics.csv" 2>/dev/null || echo failed)" \
    "" "val CE 2.855 (KL 3.8) / 2.981 (KL 4.2)"
fi
if wanted train-speed; then
  ours=$($py - "$out/work/lstm.metrics.csv" << 'PY' 2>/dev/null || echo "?"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
v = [float(r["train_tokens_per_s"]) for r in rows]
print(f"{min(v):,.0f}-{max(v):,.0f} tokens/s in whole epochs ({len(v)} epochs)")
PY
)
  steps=60; quick && steps=20
  if have_python torch; then
    say train-speed "the same model in Python PyTorch, $steps steps"
    run train-speed $py "$root/bench/python/vae_lstm_benchmark.py" --steps "$steps"
    ref="Python PyTorch $(sed -n 's/^python torch \([^:]*\): \([0-9]*\) tokens\/s.*/\1: \2 tokens\/s/p' "$out/logs/train-speed.log" | tail -1) ($steps steps, same machine, after cadenza)"
  else
    ref="python3-torch not installed (apt-get install python3-torch)"
  fi
  row train-speed "training speed, default VAE-LSTM, CPU, 1 thread" "epochs of the run above" "$ours" "$ref" \
    "16,418-16,689 tokens/s; Python PyTorch 11.9-12.4k"
  reached=$($py - "$out/work/lstm.metrics.csv" << 'PY' 2>/dev/null || echo "?"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
hit = [r for r in rows if float(r["val_ce"]) <= 3.2]
if hit:
    print(f"{float(hit[0]['elapsed_s']):.0f} s (epoch {hit[0]['epoch']})")
else:
    print(f"not reached in {len(rows)} epochs (best {min(float(r['val_ce']) for r in rows):.3f}, "
          f"{float(rows[-1]['elapsed_s']):.0f} s)")
PY
)
  row time-to-3.2 "time to validation CE 3.2, default VAE-LSTM, CPU" "same run" "$reached" "" "85 s (epoch 5)"
fi
if wanted generation; then
  count=20; quick && count=5
  say generation "generate --fast, 100 tokens, $count pieces"
  if run generation "$C" generate "$out/work/lstm.best.cdz" --corpus "$jazz" --fast --length 100 --count "$count" \
    --seed 1 --threads 1 --no-png -o "$out/work/gen/piece.mid"; then
    cell=$(sed -n 's/^generation took \([0-9.]*\) s/\1/p' "$out/logs/generation.log" | tail -1 |
      awk -v n="$count" '{printf "%.1f ms per piece of 100 tokens (%d pieces)", 1000 * $1 / n, n}')
  else cell="failed"; fi
  row generation "generation, 100 tokens, default VAE-LSTM, \`--fast\`" "model of the run above" "$cell" \
    "the paper's Keras loop: ~3 s (not run here)" "37.6 ms"
fi

# --- genre-check ---------------------------------------------------------------------------------
if wanted genre-check; then
  G="$data/gtzan"; M="$data/midi"; w="$out/work/genre"
  mkdir -p "$w"
  say genre-check "MLP on 30 s features"
  mlp_epochs=50; quick && mlp_epochs=10
  run genre-check "$C" classify train --features "$G/features_30_sec.csv" --model mlp --threads 1 \
    --epochs "$mlp_epochs" --protocol "split:$G/splits/features_30_sec.paper.test.txt" -o "$w/clf_mlp.cdz"
  if quick; then
    # Subsets of the real collections and a generator of 1 epoch: the pipeline, not the figures.
    mkdir -p "$w/midkar" "$w/solos"
    find "$M/midkar_jazz" -name '*.mid' | sort | head -20 | xargs -I{} ln -sf {} "$w/midkar/"
    find "$M/wjazzd_solos" -name '*.mid' | sort | head -20 | xargs -I{} ln -sf {} "$w/solos/"
    midkar="$w/midkar"; solos="$w/solos"; count=5; gen_epochs=1
  else
    midkar="$M/midkar_jazz"; solos="$M/wjazzd_solos"; count=50; gen_epochs=8
  fi
  say genre-check "generator: default VAE-LSTM, $gen_epochs epochs"
  run genre-check "$C" train --model vae-lstm --corpus "$jazz" -o "$w/vae.cdz" --epochs "$gen_epochs" \
    --augment-transpose --threads 1
  say genre-check "rendering and classifying"
  run genre-check "$C" genre-check --classifier "$w/clf_mlp.cdz" --real "$midkar" --model "$w/vae.best.cdz" \
    --count "$count" --seed 1 -o "$w/midkar_check" --threads 2
  run genre-check "$C" genre-check --classifier "$w/clf_mlp.cdz" --real "$solos" \
    --generated "$w/midkar_check/generated" -o "$w/solos_check" --threads 2
  cell=$($py - "$w/midkar_check/genre_check.json" "$w/solos_check/genre_check.json" << 'PY' 2>/dev/null || echo failed
import json, sys
a, b = (json.load(open(p))["groups"] for p in sys.argv[1:])
print(f"generated ({a['generated']['pieces']}): {a['generated']['mean']:.3f}; real WJazzD solos "
      f"({b['real']['pieces']}): {b['real']['mean']:.3f}; real midkar ({a['real']['pieces']}): {a['real']['mean']:.3f}")
PY
)
  label="documented (8-epoch generator, 50 pieces, all real files)"
  quick && label="QUICK: MLP 10 epochs, 1-epoch generator, 5 pieces, 20 real files of each"
  row genre-check "\`genre-check\`: mean p(jazz), MLP on 30 s GTZAN features, first 30 s" "$label" "$cell" \
    "the paper's Table 2: one piece, 17.69% (softmax twice); no reference runs" \
    "generated (50): 0.283; WJazzD solos (391): 0.530; midkar (641): 0.184"
fi

# --- CUDA ------------------------------------------------------------------------------------------
if wanted cuda; then
  if command -v nvidia-smi > /dev/null && nvidia-smi > /dev/null 2>&1; then
    say cuda "default VAE-LSTM on CUDA, 3 epochs"
    run cuda "$C" train --model vae-lstm --corpus "$jazz" -o "$out/work/cuda.cdz" --epochs 3 --device cuda
    cell=$($py - "$out/work/cuda.metrics.csv" << 'PY' 2>/dev/null || echo failed
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{float(rows[-1]['train_tokens_per_s']):,.0f} tokens/s, val CE {float(rows[-1]['val_ce']):.3f} after {len(rows)} epochs")
PY
)
  else
    cell="not run: no CUDA device on this machine"
  fi
  row cuda "training on CUDA" "3 epochs" "$cell" "" "~230,000 tokens/s; 209-217k and val CE 3.441 after 3 epochs (2026-11-26)"
fi

# --- the demo --------------------------------------------------------------------------------------
if wanted demo; then
  say demo "cadenza demo (compose, tokenize, train, generate, render)"
  rm -rf "$out/work/demo"
  start=$(now)
  if run demo "$C" demo -o "$out/work/demo"; then cell="$(elapsed "$start" "$(now)") s wall"; else cell="failed"; fi
  row demo "demo (compose, tokenize, train, generate, render)" "\`cadenza demo\`, already built" "$cell" "" "11.8 s"
fi

times > "$out/times.txt"  # the shell's and its children's user and system CPU time
cpu=$($py -c 'import re, sys; t = open(sys.argv[1]).read().split("\n")[1]; print(round(sum(float(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", t))))' "$out/times.txt")
{
  cat "$out/header.txt"
  echo "after: $(uptime); whole run $(elapsed "$started" "$(now)") s wall, $cpu s CPU (user + system, all commands)"
  echo
  echo "| what | run ($mode mode) | cadenza, this run | reference, this run | README (documented) |"
  echo "|---|---|---|---|---|"
  cat "$table.rows"
  if [[ -f "$out/classifiers.txt" ]]; then
    echo
    echo "Classifiers, accuracy / fit+predict seconds, cadenza vs reference (bench/classify/figures.sh):"
    echo
    grep '^|' "$out/classifiers.txt"
  fi
} > "$table"
cat "$table"
