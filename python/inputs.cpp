#include "inputs.h"

#include "common/threads.h"

namespace cadenza::python {
namespace py = pybind11;

bool is_path(py::handle object) {
  if (py::isinstance<py::str>(object)) return true;
  static const py::handle path_like =
      py::object(py::module_::import("os").attr("PathLike")).release();
  return py::isinstance(object, path_like);
}

bool is_bytes(py::handle object) {
  return PyBytes_Check(object.ptr()) || PyByteArray_Check(object.ptr()) ||
         PyMemoryView_Check(object.ptr());
}

bool is_sequence(py::handle object) {
  return py::isinstance<py::list>(object) || py::isinstance<py::tuple>(object);
}

std::filesystem::path to_path(py::handle object) {
  static const py::handle fspath = py::object(py::module_::import("os").attr("fspath")).release();
  return std::filesystem::path(fspath(object).cast<std::string>());
}

std::string to_bytes(py::handle object) {
  const py::buffer_info buffer = py::reinterpret_borrow<py::buffer>(object).request();
  return std::string(static_cast<const char*>(buffer.ptr),
                     static_cast<std::size_t>(buffer.size * buffer.itemsize));
}

std::vector<py::object> items(py::handle sequence) {
  std::vector<py::object> out;
  for (py::handle item : sequence) out.push_back(py::reinterpret_borrow<py::object>(item));
  return out;
}

unsigned thread_count(int requested) { return clamp_threads(requested); }

}  // namespace cadenza::python
