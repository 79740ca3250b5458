#pragma once
// "Is this output one of the inputs?" by file identity (device and inode), not by spelling:
// x.mid, ./x.mid, a symlink to it and a hard link are all the same file. Commands call
// refuse_output_over_input before writing anything, so `-o` never destroys an input.
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza {

// True when both paths exist and name the same file.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// Throws std::invalid_argument "<output>: is the same file as the input <input>; ..." when
// `output` is any of `inputs`. Outputs that do not exist yet are never an input.
void refuse_output_over_input(const std::filesystem::path& output,
                              const std::vector<std::filesystem::path>& inputs);

}  // namespace cadenza
