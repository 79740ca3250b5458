#!/usr/bin/env bash
# Issue 18 reproductions at the command line, made small. Usage: hostile_cli.sh CADENZA CASE
# Each case exits 0 when cadenza behaves (one clear error, nothing hung, nothing destroyed or
# left behind), 1 with the reason when not, 77 when the build lacks a command the case needs.
set -u
C=$1
CASE=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

fail() {
  echo "FAIL ($CASE): $*"
  exit 1
}
have_train() { "$C" train --help 2>/dev/null | grep -q -- '--corpus'; }
needs_torch() { have_train || exit 77; }

# expect_error TEXT COMMAND...: exit status 1 within 120 s, TEXT on stderr, and no crash text
# (batch commands print one line per failed file, then their summary).
expect_error() {
  local want=$1
  shift
  timeout 120 "$@" >out.txt 2>err.txt
  local rc=$?
  # 1: the input cannot be used; 2: the command line asks for the impossible (app/main.cpp).
  [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ] || fail "exit $rc (wanted 1 or 2) from: $* -- $(cat err.txt)"
  grep -qF -- "$want" err.txt || fail "message lacks '$want': $(cat err.txt)"
  ! grep -qE 'terminate called|bad_alloc|Segmentation|Aborted' err.txt || fail "crashed: $(cat err.txt)"
}
expect_ok() {
  timeout 120 "$@" >out.txt 2>err.txt || fail "exit $? from: $* -- $(cat err.txt)"
}
absent() { for f in "$@"; do [ ! -e "$f" ] || fail "$f was left behind"; done; }

corpus() {  # a corpus that repeats: enough windows for a tiny model
  for _ in $(seq 1 200); do printf 'C4\nE4\nG4\nC5\nG4\nE4\nD4\nF4.A4\n'; done >"$1"
}
# A one-note MIDI file (format 0, 480 ticks per quarter); $2: the note's length as a delta VLQ.
midi() {
  local length=${2:-'\x83\x60'}
  local body="\x00\x90\x3c\x40${length}\x80\x3c\x00\x00\xff\x2f\x00"
  local size
  size=$(printf "$body" | wc -c)
  { printf 'MThd\0\0\0\6\0\0\0\1\1\xe0MTrk\0\0\0'; printf "\\x$(printf %02x "$size")"; printf "$body"; } >"$1"
}
# The issue's tiny set-up, smaller still (--epochs and --window are given per command).
TINY=(--max-steps-per-epoch 3 --latent 4 --embedding 8 --encoder-hidden 8
  --decoder-hidden 8 --decoder-layers 1 --quiet)

case $CASE in
bad-training-values)  # cause 11
  needs_torch
  corpus small.txt
  expect_error "--epochs must be at least 1, got 0" "$C" train --corpus small.txt "${TINY[@]}" --epochs 0 -o m.cdz
  expect_error "--epochs must be at least 1, got -3" "$C" train --corpus small.txt "${TINY[@]}" --epochs -3 -o m.cdz
  expect_error "--batch-size must be at least 1, got -4" "$C" train --corpus small.txt "${TINY[@]}" --epochs 1 --batch-size -4 -o m.cdz
  expect_error "--lr must be a finite number > 0" "$C" train --corpus small.txt "${TINY[@]}" --lr inf -o m.cdz
  absent m.cdz m.best.cdz m.metrics.csv m.loss.png
  ;;
diverging-loss)  # cause 1: used to hang in the loss plot
  needs_torch
  corpus small.txt
  expect_error "training diverged" "$C" train --corpus small.txt "${TINY[@]}" --epochs 1 --window 16 --lr 1e30 --grad-clip 0 -o d.cdz
  grep -qF "Try a smaller --lr" err.txt || fail "no advice: $(cat err.txt)"
  ;;
same-file)  # cause 12: -o naming an input, under another spelling
  midi x.mid
  cp x.mid keep.mid
  ln -s x.mid link.mid
  expect_error "is the same file as the input" "$C" render link.mid -o ./x.mid
  expect_error "is the same file as the input" "$C" tokenize x.mid -o link.mid
  printf 'filename,length,label\n' >f.csv
  cp f.csv keep.csv
  expect_error "is the same file as the input" "$C" classify train --features f.csv -o ./f.csv
  cmp -s x.mid keep.mid || fail "x.mid was changed"
  cmp -s f.csv keep.csv || fail "f.csv was changed"
  if have_train; then
    printf 'fake model' >m.cdz
    cp m.cdz keep.cdz
    expect_error "is the same file as the input" "$C" generate m.cdz -o m.cdz
    expect_error "is the same file as the input" "$C" generate m.cdz --prime x.mid -o x.mid
    cmp -s m.cdz keep.cdz || fail "m.cdz was changed"
    corpus small.txt
    expect_error "is the same file as the input" "$C" train --corpus small.txt "${TINY[@]}" -o small.txt
  fi
  ;;
partial-outputs)  # cause 13: a failed command leaves nothing
  midi x.mid
  mkdir in
  printf 'not audio' >in/bad.wav
  expect_error "files failed" "$C" melspec in -o specs
  absent specs
  needs_torch
  printf 'fake model' >m.cdz
  expect_error "not a SoundFont 2 file" "$C" generate m.cdz --wav --soundfont x.mid -o g.mid
  absent g.mid g.tokens.txt g.png g.wav
  ;;
hyper-parameters)  # cause 8
  printf 'filename,length,label\n' >f.csv
  for value in nan inf -1; do
    expect_error "--svm-gamma must be a finite number > 0" "$C" classify train --features f.csv --model svm --svm-gamma "$value" -o m.cdz
  done
  expect_error "--svm-c must be a finite number > 0" "$C" classify train --features f.csv --model svm --svm-c nan -o m.cdz
  absent m.cdz
  ;;
corpus-binary)  # causes 6 and 10
  needs_torch
  truncate -s 1G sparse.txt
  expect_error "sparse.txt:1: binary data (NUL bytes), not a token corpus" "$C" train --corpus sparse.txt "${TINY[@]}" -o m.cdz
  printf 'C4\nE\x004\n' >nul.txt
  expect_error "nul.txt:2: control character NUL at column 2" "$C" train --corpus nul.txt "${TINY[@]}" -o m.cdz
  ;;
truncated-midi)  # cause 14: one policy, refused by tokenize as by render
  midi whole.mid '\x83\x60'
  head -c 30 whole.mid >half.mid
  expect_error "half.mid: byte 14: truncated track chunk" "$C" tokenize half.mid -o c.txt
  grep -qF "rest of the piece is lost" err.txt || fail "does not say what is lost: $(cat err.txt)"
  absent c.txt
  expect_ok "$C" tokenize whole.mid half.mid -o c.txt
  grep -qF "skipped: half.mid" err.txt || fail "half.mid not named: $(cat err.txt)"
  grep -qF "1 failed" out.txt || fail "not counted as failed: $(cat out.txt)"
  ;;
long-render)  # cause 4: a note of 0x0FFFFFFF ticks
  midi days.mid '\xff\xff\xff\x7f'
  expect_error "more than the 1200 s cadenza renders" "$C" render days.mid -o days.wav
  absent days.wav
  ;;
audio-rate)  # cause 3: 40 KB of samples declared at 1 Hz
  head -c 40000 /dev/zero >r.raw
  python3 - <<'PY' || exit 77
import wave
with wave.open("r1.wav", "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(1)
    w.writeframes(open("r.raw", "rb").read())
PY
  expect_error "lasts 20000 s (20000 frames at 1 Hz), more than the 1200 s cadenza reads" "$C" features r1.wav -o f.csv
  absent f.csv
  ;;
generate-length)  # cause 5
  needs_torch
  printf 'fake model' >m.cdz
  expect_error "--length must lie in [1, 100000] tokens, got 10000000" "$C" generate m.cdz --length 10000000 --fast -o g.mid
  ;;
trained-model)  # causes 2 and 15 with a real (tiny) model
  needs_torch
  corpus small.txt
  expect_ok "$C" train --corpus small.txt "${TINY[@]}" --epochs 1 --window 16 --threads 100000 -o m.cdz
  expect_ok "$C" generate m.cdz --threads 100000 --length 8 --fast --seed 1 -o g.mid
  [ -s g.mid ] || fail "no g.mid"
  mkdir primes
  expect_error "primes: is a folder, expected one MIDI file" "$C" generate m.cdz --prime primes -o p.mid
  corpus other.txt
  expect_ok "$C" train --corpus other.txt "${TINY[@]}" --epochs 2 --window 8 --resume -o m.cdz
  grep -qF "ignored: window 8 (checkpoint: 16)" err.txt || fail "no warning for --window: $(cat err.txt)"
  grep -qF "trains on $work/other.txt, but m.cdz was trained on $work/small.txt" err.txt ||
    fail "no warning for the corpus: $(cat err.txt)"
  ;;
*)
  fail "unknown case"
  ;;
esac
echo "ok: $CASE"
