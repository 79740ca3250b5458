#pragma once
// How the C allocator treats the large buffers of audio work (a 30 s file's STFT is 10 MB).
namespace cadenza {

// Keeps freed large blocks in the process for the next allocation instead of handing them
// back to the kernel. By default glibc maps blocks over its threshold afresh and returns freed
// heap tops above ~2x that threshold, so every feature row (and every file of a folder) pays a
// page fault and a zero fill per 4 KiB page of every spectrogram it builds: on this project's
// virtual machines that was half of a 30 s row's time (issue 21). Blocks up to 32 MiB (glibc's
// largest threshold) come from the heap, and up to 256 MiB of free heap top is kept. Call once
// at the start of a program, before other threads start. Does nothing on other C libraries.
void keep_freed_memory_for_reuse();

}  // namespace cadenza
