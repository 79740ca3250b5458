#pragma once
// The checkpoint container (.cdz), one file:
//   "CDZ1" | u32 section count | per section: u32 name length, name, u64 size, u64 FNV-1a
//   checksum, bytes
// Sections: "config" (model JSON), "vocab" (tokens, one per line), "training" (JSON: epoch,
// step, seed, history, RNG of the data order), "weights" and "optimizer" (torch archives),
// "torch_rng" (the CPU generator state). Written atomically; reading checks magic, sizes and
// checksums, so a truncated or corrupted file fails with one clear message.
#include <filesystem>
#include <map>
#include <string>

#include "tokens/vocab.h"

namespace cadenza::model {

using CheckpointSections = std::map<std::string, std::string>;

void write_checkpoint_file(const std::filesystem::path& path, const CheckpointSections& sections);
CheckpointSections read_checkpoint_file(const std::filesystem::path& path);
// The named section; throws naming the file and the section when it is absent.
const std::string& checkpoint_section(const CheckpointSections& sections, const std::string& name,
                                      const std::filesystem::path& path);
// The "vocab" section as a vocabulary (one token per line); throws naming the file when absent.
tokens::Vocab checkpoint_vocab(const CheckpointSections& sections,
                               const std::filesystem::path& path);

}  // namespace cadenza::model
