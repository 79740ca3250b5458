#!/usr/bin/python3
"""Window and song accuracy of `cadenza classify predict MODEL CSV --json` output: a song's
probabilities are the mean of its windows' (as train-cnn does), its genre the argmax; the true
genre is the file name's prefix (GTZAN names, e.g. jazz.00023.4.wav).
usage: song_accuracy.py PREDICTIONS.json"""
import collections
import json
import sys

rows = json.load(open(sys.argv[1]))["rows"]
songs = collections.defaultdict(lambda: collections.Counter())
windows_right = 0
for row in rows:
    name = row["filename"]
    truth = name.split(".")[0]
    windows_right += row["predicted"] == truth
    song = ".".join(name.split(".")[:2])
    for label, p in row["probabilities"].items():
        songs[song][label] += p
songs_right = sum(max(p, key=p.get) == song.split(".")[0] for song, p in songs.items())
wrong = sorted(song for song, p in songs.items() if max(p, key=p.get) != song.split(".")[0])
print(f"windows {windows_right}/{len(rows)} = {windows_right / len(rows):.3f}; "
      f"songs {songs_right}/{len(songs)} = {songs_right / len(songs):.3f}; wrong: {' '.join(wrong)}")
