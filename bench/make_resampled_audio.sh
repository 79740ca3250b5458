#!/usr/bin/env bash
# Test audio at other sample rates and channel counts, made deterministically from the shared
# data (sox without dither, FluidSynth's file renderer):
#   bench/make_resampled_audio.sh OUT_DIR
# - GTZAN clips converted with sox to 8, 16, 32, 44.1 and 96 kHz (mono, 16-bit WAV; 96 kHz as
#   FLAC), and two clips as the left and right channels of 44.1 and 48 kHz stereo files (16-bit,
#   and 32-bit float at 48 kHz);
# - FluidSynth renders (FluidR3_GM) of jazz MIDI files, their first 30 s, at 44.1 and 48 kHz,
#   stereo and downmixed to mono by sox.
# File names say what they are: <source>.<rate>.<mono|stereo>.<ext>.
set -euo pipefail
out="$1"
data="${CADENZA_SHARED_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}"
soundfont="${CADENZA_SOUNDFONT:-/usr/share/sounds/sf2/FluidR3_GM.sf2}"
mkdir -p "$out"
audio="$data/gtzan/audio"

for clip in blues/blues.00000.wav classical/classical.00001.flac jazz/jazz.00002.flac \
            rock/rock.00003.flac; do
  name=$(basename "${clip%.*}")
  for rate in 8000 16000 32000 44100; do
    sox -D "$audio/$clip" -r "$rate" "$out/$name.$rate.mono.wav"
  done
  sox -D "$audio/$clip" -r 96000 "$out/$name.96000.mono.flac"
done
# stereo: two different clips as left and right
sox -D -M "$audio/jazz/jazz.00004.flac" "$audio/classical/classical.00005.flac" -r 44100 \
  "$out/jazz4_classical5.44100.stereo.wav"
sox -D -M "$audio/rock/rock.00006.flac" "$audio/blues/blues.00001.wav" -r 44100 \
  "$out/rock6_blues1.44100.stereo.wav"
sox -D -M "$audio/rock/rock.00007.flac" "$audio/jazz/jazz.00008.flac" -r 48000 \
  "$out/rock7_jazz8.48000.stereo.wav"
sox -D -M "$audio/classical/classical.00009.flac" "$audio/blues/blues.00002.wav" -r 48000 \
  -e floating-point -b 32 "$out/classical9_blues2.48000.stereo.f32.wav"

for midi in 500_miles_high-Chick-Corea_ee.mid Manteca_Dizzy-Gillespie_dm.mid \
            a_cottage_for_sale_rs.mid; do
  name=$(echo "${midi%.mid}" | tr -c 'A-Za-z0-9_\n' '_' | cut -c1-24)
  for rate in 44100 48000; do
    tmp="$out/.render.$rate.wav"
    fluidsynth -ni -q -F "$tmp" -r "$rate" -O s16 "$soundfont" "$data/midi/midkar_jazz/$midi" \
      > /dev/null
    sox -D "$tmp" "$out/$name.$rate.stereo.wav" trim 0 30
    sox -D "$tmp" -c 1 "$out/$name.$rate.mono.wav" trim 0 30
    rm -f "$tmp"
  done
done
ls "$out" | wc -l
