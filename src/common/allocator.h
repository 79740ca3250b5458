#pragma once
// How the C allocator treats the large buffers of audio work (a 30 s file's STFT is 10 MB).
#include <cstddef>

namespace cadenza {

// Keeps freed large blocks in the process for the next allocation instead of handing them
// back to the kernel. By default glibc maps blocks over its threshold afresh and returns freed
// heap tops above ~2x that threshold, so every feature row (and every file of a folder) pays a
// page fault and a zero fill per 4 KiB page of every spectrogram it builds: on this project's
// virtual machines that was over half of a 30 s row's time (issue 21). Blocks up to 32 MiB
// (glibc's largest threshold) come from the heap, up to 256 MiB of free heap top is kept, and
// the main heap's first 80 MiB are asked for transparent huge pages (2 MiB per page fault), which
// also speeds up a process's first row. Call once at the start of a program, before other
// threads start. Does nothing on other C libraries.
// `keep_free_bytes`: free heap top kept (training keeps 1 GiB: its steps reuse the same
// activation buffers).
void keep_freed_memory_for_reuse(std::size_t keep_free_bytes = std::size_t{256} << 20);

}  // namespace cadenza
