#!/usr/bin/env bash
# The cadenza command line, run as a user runs it: every command's --help, the exit codes, and
# a tiny real run of each command on data the tests make themselves (the demo's procedural
# pieces, rendered with FluidSynth). Usage: cli_test.sh CADENZA WORK_DIR TEST_NAME
# Tests that read another test's output name it as a ctest fixture (tests/cli/CMakeLists.txt).
set -uo pipefail
cadenza="$1"
work="$2"
name="$3"

fail() {
  echo "FAIL ($name): $*" >&2
  exit 1
}
# run EXPECTED_EXIT command...: runs cadenza, keeps stdout+stderr in $out, checks the exit code.
run() {
  local expected="$1"
  shift
  out="$("$cadenza" "$@" 2>&1)"
  local code=$?
  [ "$code" -eq "$expected" ] || fail "'cadenza $*' exited $code, expected $expected; output:
$out"
}
contains() { grep -qF -- "$1" <<<"$out" || fail "output lacks '$1'; output:
$out"; }
lines() { wc -l <"$1" | tr -d ' '; }
# A port nobody listens on now (the kernel's choice for a socket bound to port 0): a fixed port
# could be taken by another test or program running beside this one.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

commands=(tokenize detokenize features melspec render classify genre-check genre-classify evaluate)
[ "${CADENZA_CLI_TORCH:-1}" = 1 ] && commands+=(train generate interpolate demo)

case "$name" in
  help)
    run 0 --help
    for c in "${commands[@]}"; do contains "$c"; done
    for c in "${commands[@]}"; do
      run 0 "$c" --help
      contains "$c"
      contains "--help"
    done
    run 0 classify train --help
    contains "--features"
    run 0 classify predict --help
    contains "--seconds"
    if [ "${CADENZA_CLI_TORCH:-1}" = 1 ]; then
      run 0 classify train-cnn --help
      contains "--audio"
    fi
    ;;
  version)
    run 0 --version
    [[ "$out" =~ ^cadenza\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version line: '$out'"
    ;;
  usage-errors)
    run 2 no-such-command
    run 2
    run 2 tokenize
    contains "inputs"
    run 2 features --segment 7 x.wav -o x.csv
    run 2 features --segment 30,30 x.wav -o x.csv
    contains "expected 30, 3 or 30,3, got '30,30'"
    mkdir -p "$work.errors"
    printf 'C4\nE4\nG4\n' >"$work.errors/corpus.txt"
    run 2 train --corpus "$work.errors/corpus.txt" -o "$work.errors/never.cdz" --epochs 0
    [ ! -e "$work.errors/never.cdz" ] || fail "a failed train wrote its output"
    ;;
  input-errors)
    bad="$work.bad"
    mkdir -p "$bad"
    printf 'MThd\0\0\0\6\0\1' >"$bad/truncated.mid"
    run 1 render "$bad/truncated.mid" -o "$bad/out.wav"
    contains "truncated.mid"
    [ ! -e "$bad/out.wav" ] || fail "a failed render left its output"
    ;;
  compose)  # fixture: 6 procedural pieces and their corpus
    rm -rf "$work" && mkdir -p "$work"
    run 0 demo --no-train --no-arrangement --pieces 6 --bars 16 --seed 7 -o "$work/demo"
    [ "$(ls "$work"/demo/midi/*.mid | wc -l)" -eq 6 ] || fail "expected 6 MIDI files"
    [ -s "$work/demo/corpus.txt" ] || fail "no corpus"
    ;;
  tokenize)
    run 0 tokenize "$work/demo/midi" -o "$work/tokens.txt" --threads 1
    contains "files: 6 ok"
    # The demo tokenized the same bytes with the same tokenizer: the same tokens, file by file.
    diff <(grep -v '^#' "$work/demo/corpus.txt") <(grep -v '^#' "$work/tokens.txt") >/dev/null ||
      fail "tokenize disagrees with the demo's corpus"
    ;;
  remi)  # MIDI -> REMI -> MIDI -> REMI gives the same tokens
    run 0 tokenize "$work/demo/midi" -o "$work/remi.txt" --format remi --threads 1
    contains "files: 6 ok"
    [ -s "$work/remi.txt.ids" ] && [ -s "$work/remi.txt.vocab.json" ] || fail "no ids or vocabulary"
    grep -q '^Program_0$' "$work/remi.txt" || fail "no Program_0 token"
    run 0 detokenize "$work/remi.txt" -o "$work/remi-midi"
    [ "$(ls "$work"/remi-midi/*.mid | wc -l)" -eq 6 ] || fail "expected 6 decoded MIDI files"
    run 0 tokenize "$work/remi-midi" -o "$work/remi2.txt" --format remi --threads 1
    diff <(grep -v '^[#@]' "$work/remi.txt") <(grep -v '^[#@]' "$work/remi2.txt") >/dev/null ||
      fail "REMI round trip changed the tokens"
    ;;
  render)  # fixture: two genre folders of rendered pieces
    for i in 1 2 3 4 5 6; do
      folder=a
      [ "$i" -gt 3 ] && folder=b
      mkdir -p "$work/audio/$folder"
      run 0 render "$work/demo/midi/piece_0$i.mid" -o "$work/audio/$folder/piece_0$i.wav"
      [ "$(head -c 4 "$work/audio/$folder/piece_0$i.wav")" = RIFF ] || fail "not a WAV file"
    done
    ;;
  features)
    run 0 features "$work/audio" -o "$work/features3.csv" --segment 3 --threads 1
    head -1 "$work/features3.csv" | grep -q '^filename,length,chroma_stft_mean' ||
      fail "CSV header: $(head -1 "$work/features3.csv")"
    [ "$(lines "$work/features3.csv")" -gt 7 ] || fail "expected a row per 3 s window"
    [ "$(grep -c ',a$' "$work/features3.csv")" -gt 0 ] || fail "no row labelled a"
    [ "$(grep -c ',b$' "$work/features3.csv")" -gt 0 ] || fail "no row labelled b"
    # --segment 30,3: both lengths from one decode, byte for byte one run per length.
    run 0 features "$work/audio" -o "$work/features30.csv" --segment 30 --threads 1
    run 0 features "$work/audio" -o "$work/both.csv" --segment 30,3 --threads 1
    contains "both.30s.csv"
    cmp "$work/both.30s.csv" "$work/features30.csv" || fail "--segment 30,3: 30 s rows differ"
    cmp "$work/both.3s.csv" "$work/features3.csv" || fail "--segment 30,3: 3 s rows differ"
    ;;
  features-midi)  # MIDI rendered as genre-check hears it: the first --seconds, one label
    run 0 features "$work/demo/midi/piece_01.mid" "$work/demo/midi/piece_02.mid" --seconds 6 \
      --segment 3 --label folk -o "$work/features-midi.csv" --threads 1
    [ "$(lines "$work/features-midi.csv")" -eq 5 ] || fail "expected 2 windows of each piece"
    [ "$(grep -c '^piece_0[12]\.[01]\.wav,66149,.*,folk$' "$work/features-midi.csv")" -eq 4 ] ||
      fail "rows: $(cut -d, -f1,2 "$work/features-midi.csv")"
    run 2 features "$work/demo/midi/piece_01.mid" --seconds -1 -o "$work/never.csv"
    contains "--seconds must be a finite number >= 0, got -1"
    run 2 features "$work/demo/midi/piece_01.mid" --label 'a,b' -o "$work/never.csv"
    contains "--label 'a,b': a label cannot hold a comma"
    run 1 features "$work/demo/midi/piece_01.mid" --soundfont "$work/none.sf2" -o "$work/never.csv"
    contains "none.sf2: soundfont not found"
    [ ! -e "$work/never.csv" ] || fail "a failed features run wrote its output"
    ;;
  melspec)
    run 0 melspec "$work/audio/a/piece_01.wav" -o "$work/mel" --no-png --no-augment
    [ "$(find "$work/mel" -name '*.npy' | wc -l)" -eq 1 ] || fail "expected one .npy"
    [ "$(head -c 6 "$(find "$work/mel" -name '*.npy')" | tail -c 5)" = NUMPY ] || fail "not .npy"
    ;;
  classify)  # fixture: a KNN genre model of folders a and b
    run 0 classify train --features "$work/features3.csv" --model knn --k 1 --protocol paper \
      --any-labels -o "$work/knn.cdz"
    [ -s "$work/knn.cdz" ] || fail "no model"
    run 0 classify predict "$work/knn.cdz" "$work/audio/a/piece_01.wav" --json
    contains '"a"'
    ;;
  train)  # fixture: a tiny VAE-LSTM
    run 0 train --corpus "$work/demo/corpus.txt" -o "$work/lstm.cdz" --epochs 1 \
      --max-steps-per-epoch 3 --window 8 --batch-size 4 --latent 4 --embedding 8 \
      --encoder-hidden 8 --decoder-hidden 8 --decoder-layers 1 --threads 1
    [ -s "$work/lstm.cdz" ] || fail "no checkpoint"
    ;;
  generate)
    run 0 generate "$work/lstm.cdz" --corpus "$work/demo/corpus.txt" --length 12 --seed 3 \
      --no-png -o "$work/generated.mid" --threads 1
    [ "$(head -c 4 "$work/generated.mid")" = MThd ] || fail "not a MIDI file"
    ;;
  remi-train)  # fixture: a tiny decoder-only transformer on the pieces' REMI tokens
    run 0 tokenize "$work/demo/midi" -o "$work/remi-corpus.txt" --format remi --threads 1
    run 0 train --model transformer --corpus "$work/remi-corpus.txt" -o "$work/remi.cdz" \
      --epochs 1 --max-steps-per-epoch 2 --window 64 --batch-size 2 --model-dim 16 --heads 2 \
      --feed-forward 32 --decoder-blocks 1 --threads 1
    contains "407 tokens in the vocabulary"
    [ -s "$work/remi.best.cdz" ] || fail "no best checkpoint"
    run 2 train --model transformer --corpus "$work/demo/corpus.txt" -o "$work/x.cdz"
    contains "reads REMI tokens"
    ;;
  genre-model)  # genre tokens: tokenize --genre, train from a model, generate --genre, CE per genre
    run 0 tokenize "$work/demo/midi" -o "$work/genre-folk.txt" --format remi --genre folk --threads 1
    [ "$(sed -n 3p "$work/genre-folk.txt")" = Genre_folk ] || fail "no genre token opens the document"
    run 0 tokenize "$work/demo/midi" -o "$work/genre-pop.txt" --format remi --genre pop --threads 1
    { cat "$work/genre-folk.txt"; tail -n +2 "$work/genre-pop.txt"; } >"$work/genres.txt"
    tiny=(--window 64 --batch-size 2 --model-dim 16 --heads 2 --feed-forward 32 --decoder-blocks 1
      --threads 1 --max-steps-per-epoch 2)
    run 0 train --model transformer --corpus "$work/genres.txt" -o "$work/genre.cdz" --epochs 1 \
      --init-from "$work/remi.best.cdz" "${tiny[@]}"
    contains "409 tokens in the vocabulary"
    run 0 generate "$work/genre.best.cdz" --genre pop --bars 2 --seed 1 -o "$work/pop.mid" --no-png
    contains "genre pop"
    contains "genre guidance 2.00 (a genre model's default"
    [ "$(head -c 4 "$work/pop.mid")" = MThd ] || fail "pop.mid is not a MIDI file"
    run 0 generate "$work/genre.best.cdz" --bars 1 --seed 1 -o "$work/default-genre.mid" --no-png
    contains "genre folk (the default; --genre folk, pop)"
    run 2 generate "$work/genre.best.cdz" --genre rock -o "$work/rock.mid"
    contains "--genre rock: not a genre of"
    contains "(folk, pop)"
    [ ! -e "$work/rock.mid" ] || fail "wrote a piece for an unknown genre"
    run 0 generate "$work/genre.best.cdz" --genre pop --genre-guidance 1.5 --bars 2 --seed 1 \
      -o "$work/guided.mid" --no-png
    contains "genre guidance 1.50"
    [ "$(head -c 4 "$work/guided.mid")" = MThd ] || fail "guided.mid is not a MIDI file"
    run 2 generate "$work/genre.best.cdz" --genre pop --genre-guidance -1 -o "$work/rock.mid"
    contains "--genre-guidance must be a number >= 0"
    run 2 generate "$work/remi.best.cdz" --genre-guidance 1 -o "$work/rock.mid"
    contains "--genre-guidance: the model has no genre tokens"
    [ ! -e "$work/rock.mid" ] || fail "a refused generate left a file"
    run 2 generate "$work/remi.best.cdz" --genre pop -o "$work/rock.mid"
    contains "has no genre tokens"
    run 0 evaluate "$work/genre.best.cdz" --corpus "$work/genres.txt" --json --threads 1
    contains '"genres"'
    contains '"pop"'
    run 2 tokenize "$work/demo/midi" -o "$work/x.txt" --format remi --genre Folk
    contains "a genre name is 1-32 characters"
    { cat "$work/genre-folk.txt"; tail -n +2 "$work/remi-corpus.txt"; } >"$work/mixed.txt"
    run 1 train --model transformer --corpus "$work/mixed.txt" -o "$work/x.cdz" "${tiny[@]}"
    contains "has no genre token but"
    run 1 train --model transformer --corpus "$work/genres.txt" -o "$work/x.cdz" \
      --init-from "$work/remi.best.cdz" --model-dim 32 --heads 2 --window 64 --threads 1
    contains "--init-from needs a model of the same kind and size"
    # genre-check --genres: the model's pieces of each genre and real pieces before a judge.
    judge="$(dirname "$cadenza")/../../models/genre_tokens.cdz"
    run 0 genre-check --genres folk,pop --model "$work/genre.best.cdz" --count 2 --bars 2 \
      --real folk="$work/demo/midi" --real pop="$work/demo/midi/piece_01.mid" --judges "$judge" \
      -o "$work/genres-check" --threads 1
    contains "generated 2 pop pieces of 2 bars"
    contains "judge genre_tokens.cdz"
    head -1 "$work/genres-check/genre_recognition.csv" | grep -q '^judge,genre,group,pieces,recognised' ||
      fail "genre_recognition.csv lacks its header"
    [ "$(grep -c '^genre_tokens.cdz,' "$work/genres-check/genre_recognition.csv")" = 4 ] ||
      fail "expected 4 rows (2 genres x real, generated)"
    [ -s "$work/genres-check/genre_recognition.png" ] || fail "no chart"
    [ -s "$work/genres-check/generated/folk/folk_02.mid" ] || fail "no generated folk piece"
    run 2 genre-check --genres rock --model "$work/genre.best.cdz" --real rock="$work/demo/midi" \
      --judges "$judge" -o "$work/rock-check"
    contains "genre rock: not a genre of the judge genre_tokens.cdz (folk, jazz, pop)"
    [ ! -e "$work/rock-check" ] || fail "wrote output for an unknown genre"
    run 2 genre-check --genres folk --model "$work/genre.best.cdz" --judges "$judge" -o "$work/x"
    contains "genre folk: no real pieces"
    ;;
  arrange)  # REMI generation: bars, instruments, tempo and time signature as asked
    run 0 generate "$work/remi.best.cdz" --bars 3 --instruments piano,bass,drums --tempo 100 \
      --time-signature 3/4 --seed 5 --count 2 -o "$work/arranged.mid" --threads 1
    for piece in "$work"/arranged_01.mid "$work"/arranged_02.mid; do
      [ "$(head -c 4 "$piece")" = MThd ] || fail "$piece is not a MIDI file"
      [ -s "${piece%.mid}.png" ] || fail "no piano roll for $piece"
    done
    # Read back with cadenza's REMI tokenizer: only the asked programs, 3/4 and one tempo.
    run 0 tokenize "$work/arranged_01.mid" -o "$work/arranged.txt" --format remi --threads 1
    programs="$(grep '^Program_' "$work/arranged.txt" | sort -u | tr '\n' ' ')"
    for p in $programs; do
      case "$p" in Program_0 | Program_32 | Program_-1) ;; *) fail "unexpected $p" ;; esac
    done
    # ... and every asked one plays (3 bars: each must by the last bar).
    for p in Program_0 Program_32 Program_-1; do
      grep -qx "$p" "$work/arranged.txt" || fail "$p never plays"
    done
    [ "$(grep -c '^TimeSig_' "$work/arranged.txt")" = "$(grep -c '^TimeSig_3/4$' "$work/arranged.txt")" ] ||
      fail "a time signature other than 3/4"
    grep -q '^Tempo_100.97$' "$work/arranged.txt" || fail "tempo 100 should be REMI's nearest, 100.97"
    ;;
  add-part)  # a bass part added to a piano piece: the piano notes stay as they were
    run 0 generate "$work/remi.best.cdz" --add-part bass --to "$work/demo/midi/piece_01.mid" \
      --seed 2 -o "$work/with-bass.mid" --threads 1 --no-png
    contains "adding a part for Acoustic Bass"
    run 0 tokenize "$work/demo/midi/piece_01.mid" "$work/with-bass.mid" -o "$work/parts.txt" \
      --format remi --threads 1
    # The piano's notes (Program_0 groups of four tokens) are the same in both files.
    notes() { awk '/^@doc/{doc++} doc=='"$1"' && /^Program_0$/{n=4} n>0{print; n--}' "$work/parts.txt"; }
    [ -n "$(notes 1)" ] || fail "no piano notes in the original"
    [ "$(notes 1)" = "$(notes 2)" ] || fail "the piano part changed"
    ;;
  shipped)  # no model given: the shipped jazz model (models/jazz.cdz) composes
    run 0 generate --bars 2 --instruments piano,bass,drums --seed 1 -o "$work/shipped.mid" --no-png
    contains "models/jazz.cdz"
    [ "$(head -c 4 "$work/shipped.mid")" = MThd ] || fail "not a MIDI file"
    ;;
  remi-vae)  # a VAE on REMI tokens: new music in the latent of one given piece (one-shot style)
    run 0 train --model vae-lstm --corpus "$work/remi-corpus.txt" -o "$work/remi-vae.cdz" \
      --epochs 1 --max-steps-per-epoch 2 --window 32 --batch-size 2 --latent 4 --embedding 8 \
      --encoder-hidden 8 --decoder-hidden 8 --decoder-layers 1 --threads 1
    contains "407 tokens in the vocabulary"
    run 0 generate "$work/remi-vae.best.cdz" --prime "$work/demo/midi/piece_02.mid" --bars 2 \
      --seed 4 -o "$work/style.mid" --no-png
    contains "continuing"
    [ "$(head -c 4 "$work/style.mid")" = MThd ] || fail "not a MIDI file"
    # Interpolation between two pieces' latents: multi-track pieces through the arranger.
    rm -rf "$work/remi-interpolated"
    run 0 interpolate "$work/remi-vae.best.cdz" "$work/demo/midi/piece_01.mid" \
      "$work/demo/midi/piece_04.mid" --steps 3 --bars 2 --temperature 1 --seed 5 \
      -o "$work/remi-interpolated" --threads 1
    contains "latent distance"
    contains "step_02.mid (t = 0.50)"
    [ "$(ls "$work"/remi-interpolated/*.mid | wc -l)" -eq 3 ] || fail "expected 3 pieces"
    for step in 01 02 03; do
      [ "$(head -c 4 "$work/remi-interpolated/step_$step.mid")" = MThd ] || fail "step $step"
      [ "$(grep -c '^Bar_None$' "$work/remi-interpolated/step_$step.tokens.txt")" -eq 2 ] ||
        fail "step $step: not 2 bars"
    done
    ! cmp -s "$work"/remi-interpolated/step_01.tokens.txt "$work"/remi-interpolated/step_03.tokens.txt ||
      fail "the two ends wrote the same piece"
    run 0 tokenize "$work/remi-interpolated" -o "$work/remi-interpolated.txt" --format remi \
      --threads 1
    ;;
  generate-errors)
    run 2 generate "$work/remi.best.cdz" --instruments piano,kazoo -o "$work/x.mid"
    contains "unknown instrument 'kazoo'"
    contains "tenor-sax"
    run 2 generate "$work/remi.best.cdz" --time-signature 7/8 -o "$work/x.mid"
    contains "not one the REMI vocabulary has"
    run 2 generate "$work/lstm.cdz" --instruments piano --corpus "$work/demo/corpus.txt" \
      -o "$work/x.mid"
    contains "need a model trained on REMI tokens"
    [ ! -e "$work/x.mid" ] || fail "a failed generate left a file"
    run 2 interpolate "$work/remi.best.cdz" "$work/demo/midi/piece_01.mid" \
      "$work/demo/midi/piece_02.mid" -o "$work/x-interpolated"
    contains "a transformer model has no latent to interpolate in"
    [ ! -e "$work/x-interpolated" ] || fail "a refused interpolate left a folder"
    ;;
  interpolate)
    run 0 interpolate "$work/lstm.cdz" "$work/demo/midi/piece_01.mid" \
      "$work/demo/midi/piece_02.mid" --corpus "$work/demo/corpus.txt" --steps 3 --length 12 \
      -o "$work/interpolated" --threads 1
    [ "$(ls "$work"/interpolated/*.mid | wc -l)" -eq 3 ] || fail "expected 3 pieces"
    ;;
  evaluate)
    run 0 evaluate "$work/lstm.cdz" --corpus "$work/demo/corpus.txt" --temperatures 1 \
      --pieces 2 --held-out-pieces 2 --length 12 --threads 1
    contains "pc-bits"
    grep -q '^T=1 ' <<<"$out" || fail "no row for T=1"
    grep -q '^held-out ' <<<"$out" || fail "no held-out row"
    ;;
  evaluate-music)  # torch-free: MIDI decoded from REMI tokens written here
    music="$work.music"
    rm -rf "$music" && mkdir -p "$music"
    # remi_corpus PITCH_STEP DURATION NAMES...: two bars of four notes per document.
    remi_corpus() {
      local step="$1" duration="$2"
      shift 2
      echo "#cadenza-corpus 1"
      for d in "$@"; do
        echo "@doc $d"
        for pitch in 60 62; do
          echo Bar_None
          for pos in 0 8 16 24; do
            printf 'Position_%s\nProgram_0\nPitch_%s\nVelocity_63\nDuration_%s\n' \
              "$pos" $((pitch + pos / 8 * step)) "$duration"
          done
        done
      done
    }
    remi_corpus 2 1.0.8 a.mid b.mid c.mid >"$music/real.txt"
    remi_corpus 5 0.4.8 x.mid y.mid >"$music/generated.txt"
    run 0 detokenize "$music/real.txt" -o "$music/real"
    run 0 detokenize "$music/generated.txt" -o "$music/generated"
    printf 'MThd\0\0\0\6\0\1' >"$music/generated/broken.mid"
    run 0 evaluate --real "$music/real" --generated "$music/generated" --copy-from "$music/real" \
      -o "$music/out" --threads 1
    contains "real (3 files)"
    contains "generated (2 files)"
    contains "skipped (generated)"
    contains "broken.mid"
    grep -q '^pitch_range  *8 \[8, 8\] 3  *17 \[17, 17\] 2  *0$' <<<"$out" || fail "pitch_range row"
    grep -q '^copy_rate_8gram  *1 \[1, 1\] 3 ' <<<"$out" || fail "copy rate of training pieces"
    for f in metrics.csv summary.csv summary.json histograms.png; do
      [ -s "$music/out/$f" ] || fail "no $f"
    done
    [ "$(lines "$music/out/metrics.csv")" -eq 6 ] || fail "metrics.csv: a header and 5 pieces"
    [ "$(head -c 4 "$music/out/histograms.png" | tail -c 3)" = PNG ] || fail "not a PNG"
    run 0 evaluate --real "$music/real" --generated "$music/generated" -o "$music/out2" --json
    contains '"overlapping_area"'
    run 1 evaluate --real "$music/real" --generated "$music/generated/broken.mid" -o "$music/out3"
    contains "--generated: none of the 1 MIDI files could be read"
    run 2 evaluate
    run 0 evaluate --help  # one help for the three forms, from the torch-free program
    contains "--generated"
    contains "--baseline"
    contains "cadenza evaluate MODEL"
    printf '# list\nset/c.mid\n' >"$music/list.txt"
    run 0 evaluate --baseline bigram --corpus "$music/real.txt" --validation-list "$music/list.txt"
    contains "bigram   cross-entropy"
    printf 'set/none.mid\n' >"$music/bad-list.txt"
    run 1 evaluate --baseline bigram --corpus "$music/real.txt" --validation-list "$music/bad-list.txt"
    contains "bad-list.txt:1: 'set/none.mid' matches no document"
    ;;
  genre-classify)  # torch-free: a folder of MIDI decoded from REMI tokens, one file broken
    folder="$work.genre"
    rm -rf "$folder" && mkdir -p "$folder"
    {
      echo "#cadenza-corpus 1"
      for d in one.mid two.mid; do
        echo "@doc $d"
        for bar in 1 2 3 4; do
          echo Bar_None
          for pos in 0 8 16 24; do
            printf 'Position_%s\nProgram_0\nPitch_%s\nVelocity_63\nDuration_1.0.8\n' \
              "$pos" $((60 + pos / 4 + bar))
          done
        done
      done
    } >"$folder/pieces.txt"
    run 0 detokenize "$folder/pieces.txt" -o "$folder/midi"
    printf 'MThd\0\0\0\6\0\1' >"$folder/midi/broken.mid"
    judge="$(dirname "$cadenza")/../../models/genre_tokens.cdz"
    run 0 genre-classify "$folder/midi" --judges "$judge" --csv "$folder/table.csv" --threads 1
    contains "genre_tokens.cdz: tokens: "
    contains "(failed 1)"
    contains "skipped (1)"
    contains "broken.mid"
    [ "$(lines "$folder/table.csv")" -eq 4 ] || fail "table.csv: a header and 3 files"
    [ "$(grep -c ',error,' "$folder/table.csv")" -eq 1 ] || fail "table.csv: one error row"
    cp "$folder/midi/one.mid" "$folder/keep.mid"
    run 2 genre-classify "$folder/midi" --judges "$judge" --csv "$folder/midi/one.mid"
    contains "is the same file as the input"
    cmp -s "$folder/midi/one.mid" "$folder/keep.mid" || fail "--csv overwrote an input"
    run 1 genre-classify "$folder/midi/broken.mid" --judges "$judge"
    contains "none of the 1 files could be classified"
    run 1 genre-classify "$folder/midi" --judges "$folder/no-such-judge.cdz"
    contains "no-such-judge.cdz: no such genre judge file"
    run 1 genre-classify "$folder/midi" --judges "$folder/pieces.txt"
    contains "pieces.txt"
    ;;
  genre-check)
    run 0 genre-check --classifier "$work/knn.cdz" --real "$work/demo/midi/piece_01.mid" \
      --generated "$work/demo/midi/piece_04.mid" --genre a --seconds 3 -o "$work/check" \
      --threads 1
    [ -s "$work/check/genre_check.csv" ] || fail "no genre_check.csv: $(ls "$work/check")"
    CADENZA_AUDIO_JUDGE="$work/none.cdz" run 1 genre-check --real "$work/demo/midi/piece_01.mid" \
      --generated "$work/demo/midi/piece_04.mid" -o "$work/check-none"
    contains "CADENZA_AUDIO_JUDGE=$work/none.cdz: no such genre classifier file"
    [ ! -e "$work/check-none" ] || fail "a failed genre-check wrote its output"
    ;;
  genre-check-shipped)  # no --classifier: the shipped rendered judge (models/genre_audio.cdz)
    run 0 genre-check --real "$work/demo/midi/piece_01.mid" --generated \
      "$work/demo/midi/piece_04.mid" --seconds 6 -o "$work/check-shipped" --threads 1
    contains "no --classifier: the shipped rendered judge"
    contains "models/genre_audio.cdz"
    contains "folk"
    contains "pop"
    [ -s "$work/check-shipped/genre_check.csv" ] || fail "no genre_check.csv"
    ;;
  train-cnn)
    run 0 classify train-cnn --audio "$work/audio" -o "$work/cnn.cdz" --min-songs 3 \
      --epochs 1 --threads 1
    [ -s "$work/cnn.cdz" ] || fail "no CNN model"
    run 0 classify predict "$work/cnn.cdz" "$work/audio/b/piece_05.wav"
    contains "cnn"
    ;;
  train-nproc)  # data parallel over 2 local processes; a worker killed with -9; --resume with 1
    d="$work.nproc"
    rm -rf "$d" && mkdir -p "$d"
    for i in $(seq 1 400); do printf 'C4\nE4\nG4\nC5\nG4\nE4\nD4\nF4\n'; done >"$d/corpus.txt"
    tiny=(--model vae-lstm --corpus "$d/corpus.txt" --window 12 --latent 4 --embedding 16
      --encoder-hidden 24 --decoder-hidden 32 --stride 3 --max-steps-per-epoch 4 --batch-size 8
      --patience 0)
    run 0 train "${tiny[@]}" --epochs 2 --nproc 2 -o "$d/a.cdz"
    [ "$(grep -c '^epoch [12]/2' <<<"$out")" -eq 2 ] || fail "rank 0 alone prints its 2 epochs"
    [ "$(lines "$d/a.metrics.csv")" -eq 3 ] || fail "metrics.csv: a header and 2 epochs"
    run 2 train "${tiny[@]}" --nproc 2 --rank 1 -o "$d/b.cdz"
    contains "--nproc starts the workers of one machine"
    # kill -9 of rank 1 once a checkpoint exists: rank 0 stops within --dist-timeout + 15 s
    # (the launcher's bound), naming rank 1; the checkpoint resumes with one process.
    "$cadenza" train "${tiny[@]}" --epochs 100000 --nproc 2 --dist-timeout 10 -o "$d/k.cdz" \
      >"$d/k.log" 2>&1 &
    launcher=$!
    for _ in $(seq 1 300); do [ -s "$d/k.cdz" ] && break; sleep 0.1; done
    [ -s "$d/k.cdz" ] || fail "no checkpoint after 30 s: $(cat "$d/k.log")"
    victim=""
    for p in $(pgrep -f -- "$d/k.cdz"); do
      tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx RANK=1 && victim=$p
    done
    [ -n "$victim" ] || fail "no worker with RANK=1"
    start=$(date +%s)
    kill -9 "$victim"
    wait "$launcher"
    code=$?
    elapsed=$(($(date +%s) - start))
    [ "$code" -ne 0 ] || fail "the launcher exited 0 after a worker was killed"
    [ "$elapsed" -le 25 ] || fail "the run took $elapsed s to stop (limit 25 s)"
    grep -q "worker rank 1 (pid $victim) was killed by signal 9" "$d/k.log" || fail "$(cat "$d/k.log")"
    grep -q "rank 0: the .* failed: worker rank 1" "$d/k.log" || fail "$(cat "$d/k.log")"
    done_epochs=$(($(lines "$d/k.metrics.csv") - 1))
    run 0 train "${tiny[@]}" --resume --epochs $((done_epochs + 1)) -o "$d/k.cdz"
    contains "epoch $((done_epochs + 1))/$((done_epochs + 1))"
    ;;
  train-unreachable-master)  # a worker whose master does not answer says so and exits 1
    d="$work.unreachable"
    rm -rf "$d" && mkdir -p "$d"
    for i in $(seq 1 100); do printf 'C4\nE4\nG4\n'; done >"$d/corpus.txt"
    start=$(date +%s)
    run 1 train --corpus "$d/corpus.txt" -o "$d/m.cdz" --world-size 2 --rank 1 \
      --master-addr 127.0.0.1 --master-port 9 --dist-timeout 2
    contains "rank 1: cannot reach the master at 127.0.0.1:9 within 2 s"
    [ $(($(date +%s) - start)) -le 15 ] || fail "took longer than the 2 s timeout allows"
    [ ! -e "$d/m.cdz" ] || fail "a checkpoint was written"
    # rank 0 alone: the others never come
    run 1 train --corpus "$d/corpus.txt" -o "$d/m.cdz" --world-size 2 --rank 0 \
      --master-port "$(free_port)" --dist-timeout 2
    contains "rank 0: the process group of 2 ranks did not form within 2 s"
    ;;
  train-nnodes)  # torchrun's --nnodes: 2 "machines" of 1 worker on loopback equal --nproc 2
    d="$work.nnodes"
    rm -rf "$d" && mkdir -p "$d"
    for i in $(seq 1 400); do printf 'C4\nE4\nG4\nC5\nG4\nE4\nD4\nF4\n'; done >"$d/corpus.txt"
    tiny=(--model vae-lstm --corpus "$d/corpus.txt" --window 12 --latent 4 --embedding 16
      --encoder-hidden 24 --decoder-hidden 32 --stride 3 --max-steps-per-epoch 4 --batch-size 8
      --patience 0 --epochs 2 --dropout 0 --free-bits 0)
    nodes=(--nnodes 2 --master-addr 127.0.0.1 --master-port "$(free_port)" --dist-timeout 10)
    "$cadenza" train "${tiny[@]}" "${nodes[@]}" --node-rank 1 -o "$d/n.cdz" >"$d/node1.log" 2>&1 &
    node1=$!
    run 0 train "${tiny[@]}" "${nodes[@]}" --node-rank 0 -o "$d/n.cdz"
    wait "$node1" || fail "node 1: $(cat "$d/node1.log")"
    [ "$(grep -c '^epoch [12]/2' <<<"$out")" -eq 2 ] || fail "node 0 (rank 0) prints its 2 epochs"
    [ ! -s "$d/node1.log" ] || fail "node 1 printed: $(cat "$d/node1.log")"
    # The same optimisation as --nproc 2: losses, validation CE and accuracy to the CSV's digits.
    run 0 train "${tiny[@]}" --nproc 2 -o "$d/p.cdz"
    [ "$(cut -d, -f1-10 "$d/n.metrics.csv")" = "$(cut -d, -f1-10 "$d/p.metrics.csv")" ] ||
      fail "metrics differ: $(cat "$d/n.metrics.csv" "$d/p.metrics.csv")"
    # Machines started with different --nproc: one launcher names both; all exit non-zero.
    nodes=(--nnodes 2 --master-addr 127.0.0.1 --master-port "$(free_port)" --dist-timeout 3)
    "$cadenza" train "${tiny[@]}" "${nodes[@]}" --node-rank 1 --nproc 2 -o "$d/x.cdz" \
      >"$d/x1.log" 2>&1 &
    node1=$!
    run 1 train "${tiny[@]}" "${nodes[@]}" --node-rank 0 -o "$d/x.cdz"
    wait "$node1" && fail "node 1 exited 0 with another --nproc"
    grep -qF "every machine needs the same --nnodes and --nproc" <<<"$out$(cat "$d/x1.log")" ||
      fail "no message: $out $(cat "$d/x1.log")"
    run 2 train "${tiny[@]}" --nnodes 2 --node-rank 2 -o "$d/y.cdz"
    contains "--node-rank 2 must lie in 0..1"
    ;;
  *)
    fail "unknown test"
    ;;
esac
echo "ok: $name"
