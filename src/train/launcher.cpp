#include "train/launcher.h"

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "model/device.h"
#include "train/distributed.h"

extern char** environ;

namespace cadenza::train {
namespace {

// This program's own command line, as the kernel has it.
std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t start = 0; start < all.size();) {
    const std::size_t end = all.find('\0', start);
    args.push_back(all.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (args.empty()) throw std::runtime_error("cannot read /proc/self/cmdline");
  return args;
}

// The environment with torchrun's variables for local rank `local` instead of any inherited
// ones.
std::vector<std::string> worker_environment(int local, int nproc, const NodeOptions& nodes,
                                            const std::string& addr, int port) {
  const std::map<std::string, std::string> ours = {
      {"MASTER_ADDR", addr},
      {"MASTER_PORT", std::to_string(port)},
      {"WORLD_SIZE", std::to_string(nodes.nnodes * nproc)},
      {"RANK", std::to_string(nodes.node_rank * nproc + local)},
      {"LOCAL_RANK", std::to_string(local)},
      {"LOCAL_WORLD_SIZE", std::to_string(nproc)},
      {"GROUP_RANK", std::to_string(nodes.node_rank)},
      {"TORCHELASTIC_USE_AGENT_STORE", "True"},
      {kLauncherWorkerVariable, "1"}};
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (ours.count(entry.substr(0, entry.find('='))) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : ours) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// Ctrl-C reaches the workers through the terminal; a SIGTERM sent to the launcher alone is
// passed on to them.
pid_t g_workers[256];
volatile std::sig_atomic_t g_worker_count = 0;
extern "C" void forward_signal(int signal_number) {
  for (int i = 0; i < g_worker_count; ++i)
    if (g_workers[i] > 0) kill(g_workers[i], signal_number);
}

std::string describe_exit(int rank, pid_t pid, int status) {
  std::string text = "worker rank " + std::to_string(rank) + " (pid " + std::to_string(pid) + ") ";
  if (WIFSIGNALED(status))
    return text + "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  return text + "exited with code " + std::to_string(WEXITSTATUS(status));
}

// Several machines: the launchers compare their --nnodes and --nproc in the store, and no two
// may have the same --node-rank. A launcher that starts later than another sees its values.
void check_nodes(c10d::Store& store, int nproc, const NodeOptions& nodes) {
  const std::string who = "--node-rank " + std::to_string(nodes.node_rank);
  if (store.add("cadenza/node-rank/" + std::to_string(nodes.node_rank), 1) > 1)
    throw std::runtime_error(who + ": another machine was started with the same --node-rank");
  const std::string mine =
      "--nnodes " + std::to_string(nodes.nnodes) + " --nproc " + std::to_string(nproc);
  store.set("cadenza/node/" + std::to_string(nodes.node_rank),
            std::vector<std::uint8_t>(mine.begin(), mine.end()));
  for (int node = 0; node < nodes.nnodes; ++node) {
    const std::string key = "cadenza/node/" + std::to_string(node);
    if (node == nodes.node_rank || !store.check({key})) continue;
    const auto bytes = store.get(key);
    const std::string theirs(bytes.begin(), bytes.end());
    if (theirs != mine)
      throw std::runtime_error(who + " was started with " + mine + ", but --node-rank " +
                               std::to_string(node) + " with " + theirs +
                               "; every machine needs the same --nnodes and --nproc");
  }
}

}  // namespace

int launch_workers(int nproc, double timeout_seconds, const std::string& device,
                   const NodeOptions& nodes) {
  if (nproc < 1 || nproc > 256)
    throw std::invalid_argument("--nproc must lie in 1..256, got " + std::to_string(nproc));
  if (nodes.nnodes < 1 || nodes.node_rank < 0 || nodes.node_rank >= nodes.nnodes)
    throw std::invalid_argument("--node-rank " + std::to_string(nodes.node_rank) +
                                " must lie in 0.." + std::to_string(nodes.nnodes - 1) +
                                " (--nnodes " + std::to_string(nodes.nnodes) + ")");
  if (nodes.master_port < 1 || nodes.master_port > 65535)
    throw std::invalid_argument("the master port must lie in 1..65535, got " +
                                std::to_string(nodes.master_port));
  model::parse_device(device);
  const bool several = nodes.nnodes > 1;
  const std::string addr = several ? nodes.master_addr : "127.0.0.1";
  c10d::TCPStoreOptions store_options;
  store_options.port = several ? static_cast<std::uint16_t>(nodes.master_port)
                               : 0;  // one machine: a free port, chosen by the kernel
  store_options.isServer = nodes.node_rank == 0;
  store_options.waitWorkers = false;
  store_options.timeout =
      std::chrono::milliseconds(static_cast<std::int64_t>(std::max(0.001, timeout_seconds) * 1000));
  c10::intrusive_ptr<c10d::TCPStore> store;
  const std::string where = addr + ":" + std::to_string(nodes.master_port);
  try {
    store = c10::make_intrusive<c10d::TCPStore>(addr, store_options);
  } catch (const std::exception& e) {
    if (!store_options.isServer)
      throw std::runtime_error("--node-rank " + std::to_string(nodes.node_rank) +
                               ": cannot reach node 0's launcher at " + where + " within " +
                               std::to_string(static_cast<int>(timeout_seconds)) +
                               " s (is it running, with this --master-port?): " + e.what());
    throw std::runtime_error("--nproc: cannot serve the rendezvous store on " +
                             (several ? where : addr) + ": " + e.what());
  }
  if (several) check_nodes(*store, nproc, nodes);
  const int port = store->getPort();
  std::vector<std::string> args = own_arguments();
  std::vector<char*> argv = pointers(args);

  std::map<pid_t, int> running;  // pid -> rank
  std::signal(SIGTERM, forward_signal);
  std::fflush(stdout);
  std::fflush(stderr);
  for (int rank = 0; rank < nproc; ++rank) {
    std::vector<std::string> env_strings = worker_environment(rank, nproc, nodes, addr, port);
    std::vector<char*> env = pointers(env_strings);
    const pid_t pid = fork();
    if (pid < 0) {
      forward_signal(SIGTERM);
      throw std::runtime_error(std::string("--nproc: cannot start a worker: ") +
                               std::strerror(errno));
    }
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned workers when the launcher dies
      execve("/proc/self/exe", argv.data(), env.data());
      std::fprintf(stderr, "cadenza train: cannot start worker rank %d: %s\n", rank,
                   std::strerror(errno));
      _exit(127);
    }
    running[pid] = nodes.node_rank * nproc + rank;
    g_workers[g_worker_count] = pid;
    g_worker_count = g_worker_count + 1;
  }

  using Clock = std::chrono::steady_clock;
  int exit_code = 0;
  bool failed = false, terminated = false;
  Clock::time_point deadline{}, kill_deadline{};
  while (!running.empty()) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, failed ? WNOHANG : 0);
    if (pid < 0 && errno == EINTR) continue;
    if (pid < 0) break;
    if (pid == 0) {  // after a failure: the others get timeout + 15 s to stop by themselves
      const auto now = Clock::now();
      if (!terminated && now > deadline) {
        std::fprintf(stderr, "cadenza train: terminating %zu worker(s) still running\n",
                     running.size());
        for (const auto& [p, r] : running) kill(p, SIGTERM);
        terminated = true;
        kill_deadline = now + std::chrono::seconds(5);
      } else if (terminated && now > kill_deadline) {
        for (const auto& [p, r] : running) kill(p, SIGKILL);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    const auto found = running.find(pid);
    if (found == running.end()) continue;
    const int rank = found->second;
    running.erase(found);
    for (int i = 0; i < g_worker_count; ++i)
      if (g_workers[i] == pid) g_workers[i] = 0;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (ok || failed) continue;
    failed = true;
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    const std::string what = describe_exit(rank, pid, status);
    try {  // the first report stands (another machine's launcher may have written one)
      if (!store->check({kFailedWorkerKey}))
        store->set(kFailedWorkerKey, std::vector<std::uint8_t>(what.begin(), what.end()));
    } catch (const std::exception&) {  // the report is a courtesy; the exit code is what counts
    }
    std::fprintf(stderr, "cadenza train: %s; the other workers stop within %g s\n", what.c_str(),
                 timeout_seconds + 15);
    deadline = Clock::now() +
               std::chrono::milliseconds(static_cast<std::int64_t>((timeout_seconds + 15) * 1000));
  }
  std::signal(SIGTERM, SIG_DFL);
  return exit_code;
}

}  // namespace cadenza::train
