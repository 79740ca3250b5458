#!/usr/bin/env python3
"""The real `cadenza serve` end to end, as a browser or script talks to it: a tiny model trained
by the cli tests (fixture cli_model) composes, continues and interpolates; the KNN genre model
(fixture cli_knn) listens; hostile requests get JSON errors and the server goes on answering.

Usage: api_test.py CADENZA CLI_WORK_DIR   (Debian's python3, standard library only)
"""
import http.client
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

cadenza, work = sys.argv[1], pathlib.Path(sys.argv[2])
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
print("ok: serve api")
