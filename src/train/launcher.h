#pragma once
// `cadenza train --nproc N`: what torchrun's agent does, on one machine. The launcher serves
// the rendezvous store (TCPStore on 127.0.0.1, a free port), starts N copies of this program
// (fork + exec of /proc/self/exe with the same arguments) with torchrun's environment
// (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK, LOCAL_WORLD_SIZE,
// TORCHELASTIC_USE_AGENT_STORE) and kLauncherWorkerVariable set, and waits for them. When one
// fails it writes which one into the store (the others name it in their error), waits up to
// `timeout_seconds` + 15 s for the others to stop on their own, then terminates them.

#include <string>

namespace cadenza::train {

// Set in the workers' environment: this process is rank RANK of a --nproc run.
inline constexpr char kLauncherWorkerVariable[] = "CADENZA_NPROC_WORKER";

// Returns the exit code for the launcher: 0 when every worker succeeded, else the first failed
// worker's exit code (1 for a worker killed by a signal). Throws std::runtime_error when the
// store cannot be served or a worker cannot be started, and std::invalid_argument for a
// `device` the workers could not use (said once, before any worker starts).
int launch_workers(int nproc, double timeout_seconds, const std::string& device);

}  // namespace cadenza::train
