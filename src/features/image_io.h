#pragma once
// Writers for spectrogram tensors and images:
// - .npy (numpy format 1.0, little-endian float32, C order): np.load / torch.from_numpy read
//   it directly; libtorch users can read the 128-byte-aligned header and the raw floats.
// - 8-bit grayscale PNG, low frequencies at the bottom, [min, max] mapped to [0, 255].
// Both are written atomically (temporary file, then rename).
#include <filesystem>
#include <vector>

#include "features/melspec.h"

namespace cadenza::features {

void write_npy(const std::filesystem::path& path, const LogMel& mel);
void write_png(const std::filesystem::path& path, const LogMel& mel);

// Reads back a float32 2-D .npy written by write_npy (for tests and tools).
LogMel read_npy(const std::filesystem::path& path);

}  // namespace cadenza::features
