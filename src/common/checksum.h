#pragma once
// The checksum of cadenza's binary files (VAE checkpoints, classifier files): 64-bit FNV-1a.
// It catches truncation and flipped bits, not deliberate forgery.
#include <cstddef>
#include <cstdint>
#include <string>

namespace cadenza {

std::uint64_t fnv1a64(const void* data, std::size_t size);
inline std::uint64_t fnv1a64(const std::string& bytes) {
  return fnv1a64(bytes.data(), bytes.size());
}

}  // namespace cadenza
