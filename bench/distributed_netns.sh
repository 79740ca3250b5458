#!/usr/bin/env bash
# Two "machines" on one (docs/distributed.md): Linux network namespaces n0 and n1, each with its
# own network stack, joined by a veth pair 10.0.0.1 <-> 10.0.0.2 whose both ends delay packets by
# 1 ms and pace them to 1 Gbit/s (tc netem: a LAN's latency and rate; without netem, the rate
# alone). Rank 0 runs in n0 and
# serves the store at 10.0.0.1:29500, rank 1 runs in n1; both get torchrun's environment and
# GLOO_SOCKET_IFNAME, as on two machines. It is the same kernel and the same 2 CPU cores: the
# network path is a real TCP connection between two stacks, the compute is not two machines'.
#   sudo bench/distributed_netns.sh [steps]      (needs root: ip netns, tc)
# Prints: tokens/s of 1 process, --nproc 2 on loopback, and the two namespaces (with and without
# --overlap-allreduce); how far their weights are from the 1-process run's; then kill -9 of
# rank 1 and a pulled cable (rank 1's link down), with rank 0's message and its time to stop.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cadenza="${CADENZA_BUILD_DIR:-$root/build}/app/cadenza"
data="${CADENZA_SHARED_DATA:-$root/../shared/data}"
steps="${1:-15}"
work="$(mktemp -d)"
n0="cadenza-n0-$$" n1="cadenza-n1-$$"
cleanup() {
  jobs -p | xargs -r kill -9 2>/dev/null || true
  ip netns del "$n0" 2>/dev/null || true
  ip netns del "$n1" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$n0"
ip netns add "$n1"
ip link add veth0 netns "$n0" type veth peer name veth1 netns "$n1"
ip -n "$n0" addr add 10.0.0.1/24 dev veth0
ip -n "$n1" addr add 10.0.0.2/24 dev veth1
for ns in "$n0" "$n1"; do ip -n "$ns" link set lo up; done
ip -n "$n0" link set veth0 up
ip -n "$n1" link set veth1 up
# A LAN: 1 ms each way at 1 Gbit/s (netem); where the kernel has no netem (this container's),
# only the rate (a token bucket), and the latency stays the veth's (tens of microseconds).
for end in "$n0 veth0" "$n1 veth1"; do
  set -- $end
  tc -n "$1" qdisc add dev "$2" root netem delay 1ms rate 1gbit 2>/dev/null ||
    tc -n "$1" qdisc add dev "$2" root tbf rate 1gbit burst 128kb latency 50ms
  echo "$1 $2: $(tc -n "$1" qdisc show dev "$2")"
done

# The default VAE-LSTM on the paper's tokens; dropout and free bits off so that 2 ranks with
# 16 windows each are the same optimisation as 1 process with 32 (docs/distributed.md).
base=(train --model vae-lstm --corpus "$data/tokens/jazz.txt" --dropout 0 --free-bits 0
  --patience 0 --threads 1 --blas-threads 1)
train=("${base[@]}" --epochs 2 --max-steps-per-epoch "$steps" --max-validation-windows 64)
# Rank R in namespace NS with torchrun's environment: rank R NS INTERFACE ARGS... It becomes
# the cadenza process (exec; `ip netns exec` execs too), so `rank ... &` leaves its pid in $!;
# in the foreground it runs in a subshell.
rank() {
  local r="$1" ns="$2" interface="$3"
  shift 3
  exec ip netns exec "$ns" env MASTER_ADDR=10.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK="$r" \
    LOCAL_RANK=0 GLOO_SOCKET_IFNAME="$interface" "$cadenza" "$@"
}
speed() { sed -n 's/^epoch 2\/2:.*val CE \([0-9.]*\).*| \([0-9]*\) tokens\/s.*/val CE \1, \2 tokens\/s (epoch 2)/p' "$1"; }
diff_weights() { /usr/bin/python3 "$root/bench/python/cdz_weights_diff.py" "$@"; }

if [ -z "${FAULTS_ONLY:-}" ]; then
echo "uptime before: $(uptime)"
"$cadenza" "${train[@]}" -o "$work/one.cdz" >"$work/one.log"
echo "1 process: $(speed "$work/one.log")"
"$cadenza" "${train[@]}" --nproc 2 -o "$work/loopback.cdz" >"$work/loopback.log"
echo "--nproc 2, loopback: $(speed "$work/loopback.log")"
for overlap in off on; do
  rank 1 "$n1" veth1 "${train[@]}" --overlap-allreduce $overlap -o "$work/ns.cdz" \
    >"$work/rank1.log" 2>&1 &
  (rank 0 "$n0" veth0 "${train[@]}" --overlap-allreduce $overlap -o "$work/ns.cdz" \
    >"$work/rank0.log" 2>&1)
  wait
  echo "2 namespaces, --overlap-allreduce $overlap: $(speed "$work/rank0.log")"
  echo "  against 1 process: $(diff_weights "$work/one.cdz" "$work/ns.cdz")"
  echo "  against --nproc 2 on loopback: $(diff_weights "$work/loopback.cdz" "$work/ns.cdz")"
done
# torchrun's several nodes: 2 machines x 2 workers (--nnodes 2 --nproc 2), each machine's
# launcher in its namespace (node 0's serves the store at 10.0.0.1:29500), against --nproc 4
# on loopback: the same 4 ranks, so the same weights.
short=("${base[@]}" --epochs 1 --max-steps-per-epoch 5 --max-validation-windows 16)
nodes=(--nnodes 2 --master-addr 10.0.0.1 --master-port 29500 --nproc 2)
ip netns exec "$n1" env GLOO_SOCKET_IFNAME=veth1 "$cadenza" "${short[@]}" "${nodes[@]}" \
  --node-rank 1 -o "$work/nodes.cdz" >"$work/node1.log" 2>&1 &
ip netns exec "$n0" env GLOO_SOCKET_IFNAME=veth0 "$cadenza" "${short[@]}" "${nodes[@]}" \
  --node-rank 0 -o "$work/nodes.cdz" >"$work/node0.log" 2>&1
wait
"$cadenza" "${short[@]}" --nproc 4 -o "$work/four.cdz" >"$work/four.log"
echo "--nnodes 2 --nproc 2 in the namespaces: $(sed -n 's/^epoch 1\/1:.*val CE \([0-9.]*\).*| \([0-9]*\) tokens\/s.*/val CE \1, \2 tokens\/s/p' "$work/node0.log")"
echo "  against --nproc 4 on loopback: $(diff_weights "$work/four.cdz" "$work/nodes.cdz")"
echo "uptime after: $(uptime)"
fi

# Faults. Short epochs, so that a checkpoint exists soon.
faults=("${base[@]}" --epochs 100000 --max-steps-per-epoch 2 --max-validation-windows 8
  --dist-timeout 10)
stop_after() {  # what: waits for a checkpoint, does `what`, times rank 0's exit
  local what="$1"
  rm -f "$work"/f.*
  rank 1 "$n1" veth1 "${faults[@]}" -o "$work/f.cdz" >"$work/rank1.log" 2>&1 &
  local rank1=$!
  rank 0 "$n0" veth0 "${faults[@]}" -o "$work/f.cdz" >"$work/rank0.log" 2>&1 &
  local rank0=$!
  for _ in $(seq 1 600); do [ -s "$work/f.cdz" ] && break; sleep 0.1; done
  sleep 1
  local start
  start=$(date +%s.%N)
  eval "$what" || { cat "$work"/rank*.log; return 1; }
  local code=0
  wait "$rank0" || code=$?
  echo "$what: rank 0 exited $code after $(echo "$(date +%s.%N) - $start" | bc) s:"
  grep -h "error" "$work/rank0.log" | sed 's/^/  /'
  for _ in $(seq 1 600); do kill -0 "$rank1" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$rank1" 2>/dev/null; then
    echo "  rank 1 still running 60 s later: killed"
    kill -9 "$rank1"
  fi
  wait "$rank1" 2>/dev/null || true
  echo "  rank 1 stopped after $(echo "$(date +%s.%N) - $start" | bc) s"
  grep -h "error" "$work/rank1.log" | sed 's/^/  rank 1 said: /' || true
}
stop_after 'kill -9 $rank1'
stop_after 'ip -n $n1 link set veth1 down'
