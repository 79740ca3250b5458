// cadenza train: fit a VAE-LSTM, VAE-Transformer or decoder-only Transformer to a token corpus
// (docs/training.md, docs/arrangements.md).
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <vector>

#include "command.h"
#include "model/config.h"
#include "torch_commands.h"
#include "train/launcher.h"
#include "train/trainer.h"

namespace {
using cadenza::model::ModelConfig;

struct TrainArgs {
  cadenza::train::TrainOptions options;
  std::string model = "vae-lstm";
  std::string preset = "default";
  ModelConfig given;  // values typed on the command line, applied over the preset
  std::vector<std::pair<CLI::Option*, std::function<void(ModelConfig&)>>> overrides;
  CLI::Option* batch_option = nullptr;
  CLI::Option* lr_option = nullptr;
  int augment_transpose = -1;  // -1: the preset's choice (on by default, off for the paper's)
  int nproc = 1;
  int nnodes = 1, node_rank = 0;
  std::string overlap = "off";
  CLI::Option *world_size_option = nullptr, *rank_option = nullptr, *addr_option = nullptr,
              *port_option = nullptr;
};

// torchrun's variable `name` as an int; `fallback` when unset.
int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  char* end = nullptr;
  const long number = std::strtol(value, &end, 10);
  if (*end != '\0' || number < 0 || number > 1 << 30)
    throw std::invalid_argument(std::string(name) + "='" + value + "': not a number");
  return static_cast<int>(number);
}

// Rank 0's address and store port: the options, else torchrun's MASTER_ADDR and MASTER_PORT
// (always the environment in a worker of the launcher, which chose them).
void resolve_master(const TrainArgs& args, std::string& addr, int& port) {
  const bool launched = std::getenv(cadenza::train::kLauncherWorkerVariable) != nullptr;
  addr = args.options.distributed.master_addr;
  port = args.options.distributed.master_port;
  if (launched || args.addr_option->count() == 0)
    if (const char* value = std::getenv("MASTER_ADDR"); value && *value) addr = value;
  if (launched || args.port_option->count() == 0) port = env_int("MASTER_PORT", port);
}

// Where this process stands in a data-parallel run: the options win over torchrun's
// environment (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK).
void resolve_distributed(TrainArgs& args) {
  auto& d = args.options.distributed;
  if (args.world_size_option->count() == 0) d.world_size = env_int("WORLD_SIZE", 1);
  if (args.rank_option->count() == 0) d.rank = env_int("RANK", 0);
  d.local_rank = env_int("LOCAL_RANK", d.rank);
  resolve_master(args, d.master_addr, d.master_port);
  const char* agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
  d.agent_store = agent && std::string(agent) == "True";
  if (d.world_size < 1) throw std::invalid_argument("--world-size must be at least 1");
  if (d.rank < 0 || d.rank >= d.world_size)
    throw std::invalid_argument("--rank " + std::to_string(d.rank) + " must lie in 0.." +
                                std::to_string(d.world_size - 1) + " (the world size is " +
                                std::to_string(d.world_size) + ")");
  if (!(d.timeout_seconds > 0)) throw std::invalid_argument("--dist-timeout must be > 0 seconds");
}

template <typename T>
void config_option(CLI::App& sub, TrainArgs& args, const std::string& name, T ModelConfig::*field,
                   const std::string& help) {
  CLI::Option* option = sub.add_option(name, args.given.*field, help);
  args.overrides.emplace_back(option,
                              [&args, field](ModelConfig& c) { c.*field = args.given.*field; });
}

void setup(CLI::App& sub) {
  auto args = std::make_shared<TrainArgs>();
  auto& o = args->options;
  sub.add_option("--model", args->model,
                 "vae-lstm, vae-transformer, transformer (decoder-only, REMI corpora) or lstm "
                 "(plain LSTM language model, the baseline)")
      ->capture_default_str();
  sub.add_option("--corpus", o.corpus, "token corpus (cadenza corpus or one token per line)")
      ->required();
  sub.add_option("-o,--output", o.output, "checkpoint to write (and --resume from)")
      ->capture_default_str();
  sub.add_option("--preset", args->preset, "default (learns) or paper (the paper's exact model)")
      ->check(CLI::IsMember({"default", "paper"}))
      ->capture_default_str();
  sub.add_option("--epochs", o.epochs, "last epoch to train")->capture_default_str();
  args->batch_option =
      sub.add_option("--batch-size", o.batch_size, "examples per step (paper preset: 16)")
          ->capture_default_str();
  args->lr_option =
      sub.add_option("--lr", o.learning_rate, "Adam learning rate (paper preset: 1e-3)")
          ->capture_default_str();
  sub.add_option("--grad-clip", o.grad_clip, "max gradient norm, 0 = off")->capture_default_str();
  sub.add_option("--stride", o.stride,
                 "tokens between training windows (0 = window; paper LSTM: 1)")
      ->capture_default_str();
  sub.add_option("--max-steps-per-epoch", o.max_steps_per_epoch, "cap on steps per epoch, 0 = all")
      ->capture_default_str();
  sub.add_option("--val-fraction", o.validation_fraction, "share of tokens held out for validation")
      ->capture_default_str();
  sub.add_option("--init-from", o.init_from,
                 "start from this trained model's weights (same architecture; its vocabulary "
                 "must start the new one, e.g. a jazz model for a genre model)")
      ->check(CLI::ExistingFile);
  sub.add_option("--validation-list", o.validation_list,
                 "file naming the documents that validate (one per line); else --val-fraction")
      ->check(CLI::ExistingFile);
  sub.add_option("--max-validation-windows", o.max_validation_windows,
                 "validate on this many evenly spaced windows per epoch (0 = all)")
      ->capture_default_str();
  sub.add_option("--patience", o.patience,
                 "stop after this many epochs without a better validation CE (0 = never)")
      ->capture_default_str();
  sub.add_option("--seed", o.seed, "random seed (same seed, same result on CPU)")
      ->capture_default_str();
  sub.add_option("--threads", o.threads, "torch intra-op threads (0 = all cores)")
      ->capture_default_str();
  sub.add_option("--blas-threads", o.blas_threads, "OpenBLAS threads (0 = all cores)")
      ->capture_default_str();
  sub.add_option("--device", o.device, "cpu, cuda or cuda:N")->capture_default_str();
  // On by default: it keeps validation CE falling past epoch 6 (docs/training.md, 2.855 at
  // epoch 16 against 3.137 at epoch 6 without); the paper preset trains as the paper did.
  sub.add_flag_callback(
      "--augment-transpose", [args] { args->augment_transpose = 1; },
      "transpose each training window by a random -5..+6 semitones (default; not with --preset "
      "paper)");
  sub.add_flag_callback(
      "--no-augment-transpose", [args] { args->augment_transpose = 0; },
      "train on the windows as they are");
  sub.add_flag("--resume", o.resume, "continue training the checkpoint given by -o");
  sub.add_flag("!--quiet", o.verbose, "no per-epoch lines");
  // Data parallel over processes (docs/distributed.md).
  sub.add_option("--nproc", args->nproc,
                 "worker processes on this machine (data parallel, Gloo; --batch-size is split "
                 "between them)")
      ->capture_default_str();
  sub.add_option("--nnodes", args->nnodes,
                 "machines, each running `cadenza train --nproc P` (torchrun's --nnodes; node 0 "
                 "serves the store at --master-addr:--master-port)")
      ->capture_default_str();
  sub.add_option("--node-rank", args->node_rank, "this machine's place among --nnodes (0 first)")
      ->capture_default_str();
  args->world_size_option = sub.add_option("--world-size", o.distributed.world_size,
                                           "processes on all machines (else $WORLD_SIZE)");
  args->rank_option =
      sub.add_option("--rank", o.distributed.rank, "this process's rank (else $RANK)");
  args->addr_option = sub.add_option("--master-addr", o.distributed.master_addr,
                                     "rank 0's host for the rendezvous (else $MASTER_ADDR)");
  args->port_option = sub.add_option("--master-port", o.distributed.master_port,
                                     "rank 0's TCPStore port (else $MASTER_PORT, 29500)");
  sub.add_option("--dist-timeout", o.distributed.timeout_seconds,
                 "seconds to wait for the master, the rendezvous and each collective")
      ->capture_default_str();
  sub.add_option("--bucket-mb", o.distributed.bucket_megabytes,
                 "gradients are all-reduced in buckets of at most this many MiB (DDP's "
                 "bucket_cap_mb)")
      ->capture_default_str();
  sub.add_option("--overlap-allreduce", args->overlap,
                 "on: each bucket's all-reduce starts while backward runs (as DDP does); off: "
                 "after backward (the default: overlap measured no faster on this 2-core machine, "
                 "docs/distributed.md)")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();

  config_option(sub, *args, "--window", &ModelConfig::window,
                "input tokens per example (the transformer's context)");
  config_option(sub, *args, "--latent", &ModelConfig::latent, "latent dimensions");
  config_option(sub, *args, "--embedding", &ModelConfig::embedding,
                "token embedding size (VAE-LSTM)");
  config_option(sub, *args, "--encoder-hidden", &ModelConfig::encoder_hidden, "encoder LSTM units");
  config_option(sub, *args, "--encoder-layers", &ModelConfig::encoder_layers,
                "encoder LSTM layers");
  config_option(sub, *args, "--decoder-hidden", &ModelConfig::decoder_hidden, "decoder LSTM units");
  config_option(sub, *args, "--decoder-layers", &ModelConfig::decoder_layers,
                "decoder LSTM layers");
  config_option(sub, *args, "--model-dim", &ModelConfig::model_dim, "Transformer width");
  config_option(sub, *args, "--heads", &ModelConfig::heads, "attention heads");
  config_option(sub, *args, "--feed-forward", &ModelConfig::feed_forward,
                "Transformer feed-forward size");
  config_option(sub, *args, "--encoder-blocks", &ModelConfig::encoder_blocks,
                "Transformer encoder blocks");
  config_option(sub, *args, "--decoder-blocks", &ModelConfig::decoder_blocks,
                "Transformer decoder blocks");
  config_option(sub, *args, "--dropout", &ModelConfig::dropout, "dropout rate");
  config_option(sub, *args, "--free-bits", &ModelConfig::free_bits,
                "KL nats per sequence that cost nothing");
  config_option(sub, *args, "--kl-anneal-steps", &ModelConfig::kl_anneal_steps,
                "steps over which the KL weight rises from 0 to 1 (0 = off)");

  sub.callback([args] {
    auto& options = args->options;
    if (args->model != "vae-lstm" && args->model != "vae-transformer" &&
        args->model != "transformer" && args->model != "lstm")
      throw std::invalid_argument(
          "--model '" + args->model +
          "': unknown model (expected vae-lstm, vae-transformer, transformer or lstm)");
    if ((args->model == "transformer" || args->model == "lstm") && args->preset == "paper")
      throw std::invalid_argument("--preset paper: the paper has no plain language model");
    const bool paper = args->preset == "paper";
    options.config = paper ? cadenza::model::paper_preset(args->model)
                           : cadenza::model::default_preset(args->model);
    for (auto& [option, apply] : args->overrides)
      if (option->count() > 0) apply(options.config);
    if (paper && args->batch_option->count() == 0) options.batch_size = 16;
    if (paper && args->lr_option->count() == 0) options.learning_rate = 1e-3;
    options.augment_transpose =
        args->augment_transpose >= 0 ? args->augment_transpose == 1 : !paper;
    options.distributed.overlap_allreduce = args->overlap == "on";
    if (options.threads <= 0) options.threads = static_cast<int>(cadenza::app::default_threads());
    const bool launched = std::getenv(cadenza::train::kLauncherWorkerVariable) != nullptr;
    if (args->nproc < 1) throw std::invalid_argument("--nproc must be at least 1");
    if (args->nnodes < 1 || args->node_rank < 0 || args->node_rank >= args->nnodes)
      throw std::invalid_argument("--node-rank " + std::to_string(args->node_rank) +
                                  " must lie in 0.." + std::to_string(args->nnodes - 1) +
                                  " (--nnodes " + std::to_string(args->nnodes) + ")");
    if ((args->nproc > 1 || args->nnodes > 1) && !launched) {
      if (args->world_size_option->count() > 0 || args->rank_option->count() > 0)
        throw std::invalid_argument(
            "--nproc starts the workers of one machine; --world-size and --rank are for "
            "processes started one by one (docs/distributed.md)");
      cadenza::train::NodeOptions nodes;
      nodes.nnodes = args->nnodes;
      nodes.node_rank = args->node_rank;
      resolve_master(*args, nodes.master_addr, nodes.master_port);
      const int code = cadenza::train::launch_workers(
          args->nproc, options.distributed.timeout_seconds, options.device, nodes);
      std::fflush(stdout);
      if (code != 0) std::exit(code);
      return;
    }
    resolve_distributed(*args);
    if (options.distributed.rank != 0) options.verbose = false;
    auto summary = cadenza::train::run_training(options);
    if (options.verbose && !summary.history.empty()) {
      const auto& best =
          summary.history[static_cast<std::size_t>(std::max(0, summary.best_epoch - 1))];
      std::printf(
          "%s: %zu tokens in the vocabulary, %zu train / %zu validation tokens (%s split); best "
          "validation CE %.4f at epoch %d%s\n",
          options.output.string().c_str(), summary.vocab_size, summary.train_tokens,
          summary.validation_tokens, summary.split_method.c_str(), best.validation_ce,
          summary.best_epoch, summary.stopped_early ? " (stopped early)" : "");
    }
  });
}

const bool registered =
    cadenza::app::register_command({"train", cadenza::app::torch_command_summary("train"), setup});
}  // namespace
