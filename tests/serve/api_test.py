#!/usr/bin/env python3
"""The real `cadenza serve` end to end, as a browser or script talks to it: a tiny model trained
by the cli tests (fixture cli_model) composes, continues and interpolates; the KNN genre model
(fixture cli_knn) listens; hostile requests get JSON errors and the server goes on answering.
Then the models of the source tree: the genre model (models/genres.cdz) composes in the genre
asked for, the same piece `cadenza generate --genre` writes, continues a piece and adds a part to
it in a genre (as `--prime` / `--add-part` with `--genre`), and wrong genres get 400.

Usage: api_test.py CADENZA CLI_WORK_DIR MODELS_DIR   (Debian's python3, standard library only)
"""
import http.client
import json
import os
import pathlib
import signal
import struct
import subprocess
import sys
import tempfile
import time

cadenza, work, models = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
SOUNDFONT = pathlib.Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")


def fail(message):
    print("FAIL:", message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Server:
    def __init__(self, *args):
        self.folder = tempfile.mkdtemp(prefix="cadenza-serve-test-")
        self.process = subprocess.Popen(
            [cadenza, "serve", "--port", "0", "--threads", "1", "--work-dir", self.folder, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        check("listening on http://127.0.0.1:" in line,
              f"no listening line: {line!r} {self.process.stderr.read() if not line else ''}")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])

    def request(self, method, path, body=None, content_type="application/json", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = dict(headers or {})
        if body is not None:
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
            all_headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, response.getheader("Content-Type"), data

    def json(self, method, path, body=None, expect=200, **kwargs):
        status, content_type, data = self.request(method, path, body, **kwargs)
        check(status == expect, f"{method} {path}: {status}, expected {expect}: {data[:300]!r}")
        check(content_type == "application/json", f"{method} {path}: {content_type}")
        return json.loads(data)

    def error(self, method, path, body=None, expect=400, **kwargs):
        reply = self.json(method, path, body, expect=expect, **kwargs)
        check(isinstance(reply.get("error"), str) and reply["error"], f"no error message: {reply}")
        self.json("GET", "/api/models")  # still answering
        return reply["error"]

    def wait(self, job, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            status = self.json("GET", f"/api/jobs/{job['id']}")
            if status["state"] not in ("queued", "running"):
                return status
            time.sleep(0.1)
        fail(f"job {job['id']} did not finish in {timeout} s")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        check(code == 0, f"serve exited {code} on SIGTERM: {self.process.stderr.read()}")
        check(not (pathlib.Path(self.folder) / "jobs").exists(), "job folders left behind")
        os.rmdir(self.folder)


def midi_notes(data):
    """Note-ons (velocity > 0) of a standard MIDI file, read here without cadenza's reader."""
    check(data[:4] == b"MThd", "not a MIDI file")
    length, _, tracks, _ = struct.unpack(">IHHH", data[4:14])
    position, notes = 8 + length, 0
    for _ in range(tracks):
        check(data[position:position + 4] == b"MTrk", f"no track at byte {position}")
        (size,) = struct.unpack(">I", data[position + 4:position + 8])
        track, i, status = data[position + 8:position + 8 + size], 0, 0
        check(len(track) == size, "a track runs past the end of the file")
        position += 8 + size
        while i < len(track):
            while track[i] & 0x80:  # delta time
                i += 1
            i += 1
            if track[i] & 0x80:
                status = track[i]
                i += 1
            if status == 0xFF:  # meta: type, length, data
                i += 1
                length = 0
                while True:
                    length = (length << 7) | (track[i] & 0x7F)
                    i += 1
                    if not track[i - 1] & 0x80:
                        break
                i += length
            elif status in (0xF0, 0xF7):
                fail("a SysEx event in a generated piece")
            else:
                size = 1 if status >> 4 in (0xC, 0xD) else 2
                if status >> 4 == 0x9 and track[i + 1] > 0:
                    notes += 1
                i += size
    return notes


for needed in ("lstm.cdz", "knn.cdz", "demo/midi/piece_01.mid"):
    check((work / needed).is_file(), f"{work / needed} is missing (run the cli fixtures first)")

server = Server("--models", str(work), "--classifier", str(work / "knn.cdz"))
try:
    info = server.json("GET", "/api/models")
    ids = [m["id"] for m in info["models"]]
    check(ids[0] == "shipped" and "lstm.cdz" in ids, f"models: {ids}")
    check("knn.cdz" not in ids, "a genre classifier is listed as a composing model")
    shipped = info["models"][0]
    check(shipped["available"] or "shipped model is missing" in shipped["error"], str(shipped))
    check(info["genre_classifier"]["labels"] == ["a", "b"], str(info["genre_classifier"]))
    check(info["audio"] == SOUNDFONT.is_file(), "audio flag")

    # Compose with the tiny model, end to end.
    job = server.json("POST", "/api/generate",
                      {"model": "lstm.cdz", "length": 12, "seed": 3, "temperature": 1.0},
                      expect=202)
    done = server.wait(job)
    check(done["state"] == "done", f"generate: {done}")
    check(done["result"]["seed"] == 3, "seed")
    files = done["files"]
    check("piece.mid" in files and "piece.png" in files, f"files: {files}")
    status, content_type, data = server.request("GET", f"/api/jobs/{job['id']}/files/piece.mid")
    check(status == 200 and data[:4] == b"MThd" and content_type == "audio/midi", "MIDI download")
    if SOUNDFONT.is_file():
        check("piece.wav" in files, f"no WAV: {files}")
        status, content_type, data = server.request("GET", f"/api/jobs/{job['id']}/files/piece.wav")
        check(status == 200 and data[:4] == b"RIFF" and data[8:12] == b"WAVE", "WAV download")
    notes = server.json("GET", f"/api/jobs/{job['id']}/notes/piece.mid")
    check(len(notes["notes"]) > 0 and notes["parts"], f"notes: {notes}")
    generated = {"job": job["id"], "file": "piece.mid"}

    # Upload a real piece, continue it, interpolate, and ask its genre.
    piece = (work / "demo/midi/piece_01.mid").read_bytes()
    upload = server.json("POST", "/api/upload", piece, expect=201, content_type="audio/midi")
    uploaded = {"job": upload["id"], "file": "upload.mid"}
    continued = server.wait(server.json("POST", "/api/continue",
                                        {"model": "lstm.cdz", "source": uploaded, "length": 12,
                                         "seed": 5}, expect=202))
    check(continued["state"] == "done" and "continued.mid" in continued["files"], str(continued))
    steps = server.wait(server.json("POST", "/api/interpolate",
                                    {"model": "lstm.cdz", "a": uploaded, "b": generated,
                                     "steps": 2, "length": 12}, expect=202))
    check(steps["state"] == "done", str(steps))
    check([f for f in steps["files"] if f.endswith(".mid")] == ["step_01.mid", "step_02.mid"],
          str(steps["files"]))
    genre = server.wait(server.json("POST", "/api/genre", {"source": uploaded}, expect=202))
    check(genre["state"] == "done", str(genre))
    probabilities = genre["result"]["probabilities"]
    check(genre["result"]["labels"] == ["a", "b"] and abs(sum(probabilities) - 1) < 1e-9,
          str(genre["result"]))

    # Hostile requests: JSON errors with their status, and the server still answers.
    server.error("POST", "/api/upload", b"RIFF\0\0\0\0WAVEfmt ", expect=415,
                 content_type="audio/midi")
    server.error("POST", "/api/upload", b"MThd" + b"\0" * (3 << 20), expect=413,
                 content_type="audio/midi")
    server.error("POST", "/api/upload", b"MThd\0\0\0\6\0\1", expect=400, content_type="audio/midi")
    for name in ("../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                 "piece.tokens.txt%00.mid", "prime.mid", "..", "%2e%2e"):
        server.error("GET", f"/api/jobs/{job['id']}/files/{name}", expect=404)
    server.error("GET", "/api/jobs/" + "f" * 32, expect=404)
    server.error("DELETE", "/api/jobs/" + "f" * 32, expect=404)
    server.error("POST", "/api/generate", "{\"model\": ", expect=400)
    server.error("POST", "/api/generate", {"model": "lstm.cdz", "temperature": -1}, expect=400)
    server.error("POST", "/api/generate", "{}", expect=415, content_type="text/plain")
    server.error("GET", "/api/models", expect=403, headers={"Host": "attacker.example"})
    status, content_type, page = server.request("GET", "/")
    check(status == 200 and b"cadenza studio" in page, "the page")
finally:
    if server.process.poll() is None:
        server.stop()

# Genre on demand with the genre model of the source tree (13 MB, 2 bars: a second or two).
check((models / "genres.cdz").is_file(), f"{models / 'genres.cdz'} is missing")
server = Server("--models", str(models))
try:
    listed = {m["id"]: m for m in server.json("GET", "/api/models")["models"]}
    genre_model = listed["genres.cdz"]
    check(genre_model["genres"] == ["folk", "jazz", "pop"] and genre_model["default_genre"] == "jazz"
          and genre_model["temperature"] == 1.0, str(genre_model))
    check(listed["jazz.cdz"]["genres"] == [] and listed["jazz.cdz"]["temperature"] == 0.7,
          str(listed["jazz.cdz"]))

    def compose(body, expect_genre):
        job = server.wait(server.json("POST", "/api/generate", body, expect=202))
        check(job["state"] == "done", f"{body}: {job}")
        check(job["result"]["genre"] == expect_genre, f"{body}: {job['result']}")
        status, _, data = server.request("GET", f"/api/jobs/{job['id']}/files/piece.mid")
        notes = server.json("GET", f"/api/jobs/{job['id']}/notes/piece.mid")["notes"]
        check(status == 200 and midi_notes(data) == len(notes) > 0,
              f"{body}: {midi_notes(data)} note-ons in piece.mid, {len(notes)} notes served")
        _, _, tokens = server.request("GET", f"/api/jobs/{job['id']}/files/piece.tokens.txt")
        return job, tokens.decode()

    def command_line(*args):
        """The tokens `cadenza generate` writes for the same request."""
        with tempfile.TemporaryDirectory() as folder:
            out = pathlib.Path(folder) / "cli.mid"
            subprocess.run([cadenza, "generate", str(models / "genres.cdz"), "--bars", "2",
                            "--threads", "1", "--no-png", "-o", str(out), *args],
                           check=True, capture_output=True)
            return (pathlib.Path(folder) / "cli.tokens.txt").read_text()

    folk, folk_tokens = compose({"model": "genres.cdz", "genre": "folk", "bars": 2, "seed": 3},
                                "folk")
    check("genre folk" in folk["result"]["notes"], str(folk["result"]["notes"]))
    check(any(n.startswith("temperature 1.0 (a genre model's default")
              for n in folk["result"]["notes"]), str(folk["result"]["notes"]))
    check(folk_tokens == command_line("--genre", "folk", "--seed", "3"),
          "the studio's folk piece differs from `cadenza generate --genre folk`'s")
    pop, pop_tokens = compose({"model": "genres.cdz", "genre": "pop", "bars": 2, "seed": 3,
                               "temperature": 0.7}, "pop")
    check(pop_tokens == command_line("--genre", "pop", "--seed", "3", "--temperature", "0.7"),
          "the studio's pop piece differs from `cadenza generate --genre pop --temperature 0.7`'s")
    check(pop_tokens != folk_tokens, "the folk and pop pieces are the same")
    plain, _ = compose({"model": "genres.cdz", "bars": 1, "seed": 4}, "jazz")
    check(any(n.startswith("genre jazz (the default") for n in plain["result"]["notes"]),
          str(plain["result"]["notes"]))

    message = server.error("POST", "/api/generate", {"model": "genres.cdz", "genre": "rock"})
    check(message == "genre 'rock': not a genre of the model 'genres.cdz' (it knows folk, jazz, "
          "pop)", message)
    message = server.error("POST", "/api/generate", {"model": "jazz.cdz", "genre": "jazz"})
    check("the model 'jazz.cdz' has no genre tokens" in message, message)
    for hostile, expected in ((5, "genre: expected a string"), (["pop"], "genre: expected a string"),
                              ({"pop": 1}, "genre: expected a string"),
                              ("p" * 1000000, "genre: longer than 64 characters"),
                              ("pop\u0007", "genre: control characters are not allowed")):
        message = server.error("POST", "/api/generate", {"model": "genres.cdz", "genre": hostile})
        check(message == expected, f"{str(hostile)[:40]}: {message}")

    # Continuing the pop piece and adding a part to it, in pop (the page sends the piece's
    # genre): the same tokens as `cadenza generate --prime` / `--add-part --to` with --genre pop.
    pop_source = {"job": pop["id"], "file": "piece.mid"}
    _, _, pop_midi = server.request("GET", f"/api/jobs/{pop['id']}/files/piece.mid")
    with tempfile.TemporaryDirectory() as folder:
        prime = pathlib.Path(folder) / "pop.mid"
        prime.write_bytes(pop_midi)
        for path, body, stem, cli in (
                ("/api/continue", {}, "continued", ["--prime", str(prime)]),
                ("/api/add-part", {"instrument": "Acoustic Bass"}, "with_part",
                 ["--add-part", "Acoustic Bass", "--to", str(prime)])):
            body.update({"model": "genres.cdz", "source": pop_source, "genre": "pop", "bars": 2,
                         "seed": 5})
            job = server.wait(server.json("POST", path, body, expect=202))
            check(job["state"] == "done" and job["result"]["genre"] == "pop", f"{path}: {job}")
            check("genre pop" in job["result"]["notes"], f"{path}: {job['result']['notes']}")
            _, _, tokens = server.request("GET", f"/api/jobs/{job['id']}/files/{stem}.tokens.txt")
            check(tokens.decode() == command_line(*cli, "--genre", "pop", "--seed", "5"),
                  f"{path}: the studio's piece differs from the command line's")
    for path, extra in (("/api/continue", {}), ("/api/add-part", {"instrument": "Acoustic Bass"})):
        message = server.error("POST", path, {"model": "genres.cdz", "source": pop_source,
                                              "genre": "rock", **extra})
        check(message == "genre 'rock': not a genre of the model 'genres.cdz' (it knows folk, "
              "jazz, pop)", f"{path}: {message}")
        message = server.error("POST", path, {"model": "jazz.cdz", "source": pop_source,
                                              "genre": "pop", **extra})
        check("the model 'jazz.cdz' has no genre tokens" in message, f"{path}: {message}")
finally:
    if server.process.poll() is None:
        server.stop()
print("ok: serve api")
