#!/usr/bin/env python3
"""Property test of the studio's HTTP API: random methods, paths, headers and bodies (valid,
mutated and garbage, sent over raw sockets so that malformed requests get through) against a
running `cadenza serve`, for a given time. The properties: the server never dies; every answer is
HTTP; every error under /api is JSON {"error": "..."}; no 500; after the run it still composes.

Usage: serve_api_fuzz.py CADENZA MODELS_DIR MIDI_FILE [--seconds 600] [--seed N] [--workers 4]
  MODELS_DIR holds a small *.cdz model (the cli tests' lstm.cdz); MIDI_FILE is a real piece
  (mutated for uploads). Debian's python3, standard library only. docs/studio.md has a run.
"""
import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib

parser = argparse.ArgumentParser()
parser.add_argument("cadenza")
parser.add_argument("models")
parser.add_argument("midi")
parser.add_argument("--seconds", type=float, default=600)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--workers", type=int, default=16)  # most wait on timeouts, not CPU
args = parser.parse_args()

MIDI = open(args.midi, "rb").read()
server = subprocess.Popen([args.cadenza, "serve", "--port", "0", "--models", args.models,
                           "--threads", "1", "--queue", "8"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = server.stdout.readline()
if "127.0.0.1:" not in line:
    sys.exit(f"serve did not start: {line!r}")
PORT = int(line.split("127.0.0.1:")[1].split("/")[0])

lock = threading.Lock()
stats = {"requests": 0, "by_status": {}, "findings": [], "no_answer": 0}
known_jobs = []  # ids the server gave out
ROUTES = ["/", "/studio.js", "/studio.css", "/favicon.svg", "/api/models", "/api/generate",
          "/api/continue", "/api/add-part", "/api/interpolate", "/api/genre", "/api/upload",
          "/api/jobs/{id}", "/api/jobs/{id}/events", "/api/jobs/{id}/files/{name}",
          "/api/jobs/{id}/notes/{name}"]
NAMES = ["piece.mid", "piece.wav", "piece.png", "piece.tokens.txt", "upload.mid", "prime.mid",
         "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e", "..", ".", "%00", "a" * 300,
         "piece.mid%00.png", "%c0%ae%c0%ae%2f", "step_01.mid", "/etc/passwd", "%2fetc%2fpasswd"]
FIELDS = ["model", "instruments", "bars", "tempo", "time_signature", "length", "temperature",
          "top_k", "top_p", "seed", "genre", "source", "instrument", "a", "b", "steps", "job",
          "file", "x" * 100]


def random_value(rng, depth=0):
    choice = rng.randrange(14)
    if choice == 0: return None
    if choice == 1: return rng.choice([True, False])
    if choice == 2: return rng.randint(-2**63, 2**64)
    if choice == 3: return rng.choice([0, 1, 2, 5, 12, 16, 100, 256, 4096, 4097, -1])
    if choice == 4: return rng.choice([0.0, 0.5, 1e308, -1e-308, 3.7, 1e-9])
    if choice == 5: return rng.choice(["", "lstm.cdz", "shipped", "../lstm.cdz", "Flute", "3/4",
                                       "\u0000", "\u00e9\u4e2d", "a" * 5000, "Acoustic Bass"])
    if choice == 6 and known_jobs:
        return {"job": rng.choice(known_jobs), "file": rng.choice(NAMES)}
    if choice == 7: return {"job": "%032x" % rng.getrandbits(128), "file": "piece.mid"}
    if depth < 3 and choice in (8, 9):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    if depth < 3 and choice in (10, 11):
        return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randrange(5))}
    return rng.choice(["lstm.cdz", 1, 0.7, ["Acoustic Grand Piano"]])


def valid_body(rng, route):
    if route == "/api/generate":
        return {"model": "lstm.cdz", "length": rng.randint(1, 40), "seed": rng.randint(0, 99)}
    source = {"job": rng.choice(known_jobs), "file": rng.choice(["piece.mid", "upload.mid"])} \
        if known_jobs else None
    if route == "/api/continue":
        return {"model": "lstm.cdz", "source": source, "length": 8}
    if route == "/api/interpolate":
        return {"model": "lstm.cdz", "a": source, "b": source, "steps": 2, "length": 8}
    if route == "/api/genre":
        return {"source": source}
    return {}


def mutated_midi(rng):
    data = bytearray(MIDI)
    for _ in range(rng.randrange(1, 20)):
        kind = rng.randrange(4)
        at = rng.randrange(len(data)) if data else 0
        if kind == 0 and data: data[at] = rng.randrange(256)
        elif kind == 1: data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(8)))
        elif kind == 2: del data[at:at + rng.randrange(64)]
        else: data = data[:rng.randrange(len(data) + 1)]
    return bytes(data)


def random_request(rng):
    route = rng.choice(ROUTES)
    job = rng.choice(known_jobs) if known_jobs and rng.random() < 0.7 else \
        rng.choice(["%032x" % rng.getrandbits(128), "xyz", "0" * 33, "", "..", "%2e%2e"])
    path = route.replace("{id}", job).replace("{name}", rng.choice(NAMES))
    if rng.random() < 0.1:
        path += "?" + urllib.parse.quote(os.urandom(rng.randrange(40)), safe="=&")
    if rng.random() < 0.05:
        path = "/" + "".join(rng.choice("abc/%.\\~") for _ in range(rng.randrange(1, 9000)))
    method = rng.choice(["GET", "GET", "POST", "POST", "POST", "DELETE", "PUT", "HEAD", "OPTIONS",
                         "PATCH", "BREW", ""])
    content_type = rng.choice(["application/json", "application/json", "audio/midi",
                               "text/plain", "multipart/form-data; boundary=zz",
                               "application/x-www-form-urlencoded", None, "\x01garbage"])
    kind = rng.randrange(8)
    if kind == 0: body = json.dumps(valid_body(rng, route)).encode()
    elif kind == 1: body = json.dumps(random_value(rng)).encode()
    elif kind == 2: body = mutated_midi(rng)
    elif kind == 3: body = MIDI
    elif kind == 4: body = os.urandom(rng.randrange(2000))
    elif kind == 5: body = b"MThd" + os.urandom(rng.randrange(3 << 20))
    elif kind == 6: body = json.dumps({"model": "lstm.cdz", **{rng.choice(FIELDS): random_value(rng)
                                                               for _ in range(3)}}).encode()
    else: body = b""
    # Connection: close: one request per connection (httplib drops half-closed sockets unread).
    headers = [f"Host: {rng.choice(['127.0.0.1', 'localhost', 'evil.example', '127.0.0.1:1'])}",
               "Connection: close"]
    if content_type is not None: headers.append(f"Content-Type: {content_type}")
    framing = rng.randrange(10)
    if framing == 0:  # a length that lies
        headers.append(f"Content-Length: {max(0, len(body) + rng.randint(-50, 50))}")
    elif framing == 1:  # chunked, maybe broken
        headers.append("Transfer-Encoding: chunked")
        body = b"%x\r\n" % len(body) + body + (b"\r\n0\r\n\r\n" if rng.random() < 0.7 else b"zz")
    elif framing == 2:
        headers.append(f"Content-Length: {rng.choice(['-1', 'abc', '99999999999999999999'])}")
    else:
        headers.append(f"Content-Length: {len(body)}")
    for _ in range(rng.randrange(3)):
        headers.append(rng.choice(["Range: bytes=0-", "Range: bytes=5-2", "Range: bytes=-99999999",
                                   "Expect: 100-continue", "Connection: close", "X: " + "y" * 9000,
                                   "Accept-Encoding: gzip, br", "\x00: \x01"]))
    request = f"{method} {path} HTTP/1.1\r\n" + "\r\n".join(headers) + "\r\n\r\n"
    return method, path, request.encode("latin-1", "replace") + body


def send(raw, timeout=30):
    with socket.create_connection(("127.0.0.1", PORT), timeout=timeout) as s:
        try:
            s.sendall(raw)
        except OSError:
            pass  # the server may answer (413) and close before reading everything
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                chunks.append(chunk)
        except (socket.timeout, ConnectionResetError):
            pass
    return b"".join(chunks)


def check(method, path, response):
    if not response:
        with lock: stats["no_answer"] += 1  # e.g. closed on a malformed request line
        return
    head, _, body = response.partition(b"\r\n\r\n")
    while head.startswith(b"HTTP/1.1 100"):  # interim answer to Expect: 100-continue
        head, _, body = body.partition(b"\r\n\r\n")
    fields = {}
    for field in head.split(b"\r\n")[1:]:
        name, _, value = field.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if b"content-length" in fields:
        body = body[:int(fields[b"content-length"])]
    status_line = head.split(b"\r\n")[0].split(b" ")
    if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/1."):
        raise AssertionError(f"not HTTP: {response[:100]!r}")
    status = int(status_line[1])
    with lock:
        stats["by_status"][status] = stats["by_status"].get(status, 0) + 1
    if status >= 500 and status != 503:
        with lock: stats["findings"].append(f"{status} for {method} {path[:100]}: {body[:200]!r}")
    if status >= 400 and path.startswith("/api") and method != "HEAD" and body:
        encoding = fields.get(b"content-encoding", b"")
        if encoding == b"gzip":
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        elif encoding or fields.get(b"transfer-encoding"):
            return  # brotli (no decoder in the standard library) or chunked
        reply = json.loads(body)
        assert isinstance(reply.get("error"), str), f"{status} without an error message: {body[:200]!r}"
    if status in (201, 202) and body:
        try:
            job = json.loads(body).get("id")
            if job:
                with lock:
                    known_jobs.append(job)
                    del known_jobs[:-50]
        except ValueError:
            pass


def worker(index, deadline):
    rng = random.Random(args.seed * 1000 + index)
    while time.time() < deadline and server.poll() is None:
        method, path, raw = random_request(rng)
        began = time.time()
        try:
            check(method, path, send(raw))
        except Exception as e:  # noqa: BLE001 - a property failed: record it
            with lock: stats["findings"].append(f"{type(e).__name__}: {e} for {method} {path[:100]}")
        with lock:
            stats["requests"] += 1
            stats["slowest"] = sorted(stats.get("slowest", []) + [
                (round(time.time() - began, 1), raw[:raw.find(b"\r\n\r\n")].decode("latin-1")[:300])])[-5:]


def rss_kib():
    with open(f"/proc/{server.pid}/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS"))


start, rss_start = time.time(), rss_kib()
deadline = start + args.seconds
threads = [threading.Thread(target=worker, args=(i, deadline)) for i in range(args.workers)]
for t in threads: t.start()
for t in threads: t.join()
alive = server.poll() is None
rss_end = rss_kib() if alive else 0
# Still composing after all that?
final = None
if alive:
    reply = send(b"POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                 b"Content-Type: application/json"
                 b"\r\nContent-Length: 31\r\n\r\n{\"model\":\"lstm.cdz\",\"length\":8}")
    final = reply.split(b"\r\n")[0].decode()
    server.terminate()
    server.wait(timeout=120)
print(json.dumps({"seconds": round(time.time() - start), "requests": stats["requests"],
                  "by_status": dict(sorted(stats["by_status"].items())),
                  "closed_without_answer": stats["no_answer"], "server_alive": alive,
                  "rss_kib_start": rss_start, "rss_kib_end": rss_end,
                  "generate_after": final, "findings": stats["findings"][:20],
                  "finding_count": len(stats["findings"]),
                  "slowest": stats.get("slowest", [])}, indent=1))
sys.exit(0 if alive and not stats["findings"] else 1)
