#pragma once
// `cadenza train --nproc N`: what torchrun's agent does, on one machine. The launcher serves
// the rendezvous store (TCPStore on 127.0.0.1, a free port), starts N copies of this program
// (fork + exec of /proc/self/exe with the same arguments) with torchrun's environment
// (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK, LOCAL_WORLD_SIZE,
// TORCHELASTIC_USE_AGENT_STORE) and kLauncherWorkerVariable set, and waits for them. When one
// fails it writes which one into the store (the others name it in their error), waits up to
// `timeout_seconds` + 15 s for the others to stop on their own, then terminates them.
//
// Several machines (torchrun's --nnodes/--node-rank): each machine's launcher starts `nproc`
// workers, global ranks node_rank * nproc + local rank; node 0's launcher serves the store at
// master_addr:master_port, the others' connect to it, and the launchers refuse to go on when
// they were started with different --nnodes/--nproc or the same --node-rank.

#include <string>

namespace cadenza::train {

// Set in the workers' environment: this process is rank RANK of a --nproc run.
inline constexpr char kLauncherWorkerVariable[] = "CADENZA_NPROC_WORKER";

struct NodeOptions {
  int nnodes = 1;
  int node_rank = 0;
  std::string master_addr = "127.0.0.1";  // with nnodes > 1: node 0's address
  int master_port = 29500;                // with nnodes > 1 (one machine: a free port)
};

// Returns the exit code for the launcher: 0 when every worker succeeded, else the first failed
// worker's exit code (1 for a worker killed by a signal). Throws std::runtime_error when the
// store cannot be served or a worker cannot be started, and std::invalid_argument for a
// `device` the workers could not use (said once, before any worker starts).
int launch_workers(int nproc, double timeout_seconds, const std::string& device,
                   const NodeOptions& nodes = {});

}  // namespace cadenza::train
