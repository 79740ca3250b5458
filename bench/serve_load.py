#!/usr/bin/env python3
"""Load on the studio, loopback only, bounded: N concurrent generate requests (each a tiny
piece), then polling until every job has finished; then C clients asking GET /api/models for a
few seconds. Prints submit latency percentiles, job completion times, requests per second and
the server's memory (VmRSS, VmHWM). Debian's python3, standard library only.

Usage: serve_load.py CADENZA MODELS_DIR [--requests 50] [--jobs 2] [--length 12]
                     [--clients 8] [--seconds 10] [--queue N]
  MODELS_DIR holds lstm.cdz (the cli tests' tiny model, tests/cli). docs/studio.md has a run.
"""
import argparse
import concurrent.futures
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("cadenza")
parser.add_argument("models")
parser.add_argument("--requests", type=int, default=50)
parser.add_argument("--jobs", type=int, default=2)
parser.add_argument("--length", type=int, default=12)
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--seconds", type=float, default=10)
parser.add_argument("--queue", type=int, default=0, help="the server's --queue (0: requests + 10)")
args = parser.parse_args()

server = subprocess.Popen([args.cadenza, "serve", "--port", "0", "--models", args.models,
                           "--jobs", str(args.jobs), "--threads", "1",
                           "--queue", str(args.queue or args.requests + 10)],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
port = int(server.stdout.readline().split("127.0.0.1:")[1].split("/")[0])


def request(method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=json.dumps(body) if body is not None else None,
                       headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def memory():
    with open(f"/proc/{server.pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM")}  # MiB


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return {"p50": round(pick(0.5), 4), "p90": round(pick(0.9), 4), "p99": round(pick(0.99), 4),
            "max": round(values[-1], 4)}


memory_start = memory()
# 1. N generate requests at once.
barrier = threading.Barrier(args.requests)


def submit(i):
    barrier.wait()
    began = time.time()
    status, data = request("POST", "/api/generate",
                           {"model": "lstm.cdz", "length": args.length, "seed": i + 1})
    return status, json.loads(data), time.time() - began, began


with concurrent.futures.ThreadPoolExecutor(args.requests) as pool:
    submitted = list(pool.map(submit, range(args.requests)))
accepted = [s for s in submitted if s[0] == 202]
done, failed, ended = {}, [], {}
while len(done) + len(failed) < len(accepted):
    for status, job, _, began in accepted:
        if job["id"] in done or job["id"] in [f[0] for f in failed]:
            continue
        _, data = request("GET", f"/api/jobs/{job['id']}")
        state = json.loads(data)
        if state["state"] == "done":
            done[job["id"]] = time.time() - began
        elif state["state"] in ("failed", "cancelled"):
            failed.append((job["id"], state.get("error")))
    time.sleep(0.2)
memory_after_jobs = memory()

# 2. C clients asking for the model list as fast as they can.
latencies, stop_at = [], time.time() + args.seconds
lock = threading.Lock()


def client():
    while time.time() < stop_at:
        began = time.time()
        status, _ = request("GET", "/api/models")
        with lock:
            latencies.append(time.time() - began)
        assert status == 200


threads = [threading.Thread(target=client) for _ in range(args.clients)]
for t in threads: t.start()
for t in threads: t.join()
memory_end = memory()
server.terminate()
server.wait(timeout=120)

print(json.dumps({
    "generate": {"requests": args.requests, "accepted": len(accepted), "done": len(done),
                 "refused": {str(k): sum(1 for s in submitted if s[0] == k)
                             for k in sorted({s[0] for s in submitted if s[0] != 202})},
                 "failed": failed[:5],
                 "lost": args.requests - len(done) - len(failed) - sum(1 for s in submitted if s[0] == 503),
                 "submit_seconds": percentiles([s[2] for s in submitted]),
                 "completion_seconds": percentiles(list(done.values())) if done else None,
                 "workers": args.jobs, "length": args.length},
    "models_list": {"clients": args.clients, "requests": len(latencies),
                    "per_second": round(len(latencies) / args.seconds, 1),
                    "latency_seconds": percentiles(latencies)},
    "memory_mib": {"start": memory_start, "after_jobs": memory_after_jobs, "end": memory_end},
}, indent=1))
# Every request answered: done, or refused with 503 when the queue was full; none lost.
sys.exit(0 if len(done) + sum(1 for s in submitted if s[0] == 503) == args.requests else 1)
