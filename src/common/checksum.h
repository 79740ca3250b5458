#pragma once
// The checksum of cadenza's binary files (VAE checkpoints, classifier files): 64-bit FNV-1a
// with the offset basis the checkpoints have always used, 1469598103934665603 (the published
// basis has one digit more, 14695981039346656037; kept so existing checkpoints stay readable,
// and as good a hash). It catches truncation and flipped bits, not deliberate forgery.
#include <cstddef>
#include <cstdint>
#include <string>

namespace cadenza {

std::uint64_t fnv1a64(const void* data, std::size_t size);
inline std::uint64_t fnv1a64(const std::string& bytes) {
  return fnv1a64(bytes.data(), bytes.size());
}

}  // namespace cadenza
