#pragma once
// What the module's functions accept: a path (str or os.PathLike), the bytes of a file (bytes,
// bytearray, memoryview), or a list of these; and thread counts.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::python {

bool is_path(pybind11::handle object);      // str or os.PathLike
bool is_bytes(pybind11::handle object);     // bytes, bytearray, memoryview
bool is_sequence(pybind11::handle object);  // list or tuple

std::filesystem::path to_path(pybind11::handle object);  // os.fspath

// A copy of the bytes of `object` (taken while holding the GIL, so that the work on them can
// run without it).
std::string to_bytes(pybind11::handle object);

// The items of a list or tuple.
std::vector<pybind11::object> items(pybind11::handle sequence);

// threads=0 means one per core; like every --threads option (common/threads.h).
unsigned thread_count(int requested);

}  // namespace cadenza::python
