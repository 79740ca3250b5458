#include "records.h"

#include <stdexcept>

namespace cadenza::python {
namespace py = pybind11;

py::array records(const std::vector<std::pair<std::string, py::array>>& columns) {
  py::list fields;
  for (const auto& [name, values] : columns) fields.append(py::make_tuple(name, values.dtype()));
  const py::ssize_t rows = columns.empty() ? 0 : columns.front().second.size();
  py::array out(py::dtype::from_args(fields), std::vector<py::ssize_t>{rows});
  for (const auto& [name, values] : columns) out[py::str(name)] = values;
  return out;
}

py::array string_column(const std::vector<std::string>& values) {
  py::list list;
  for (const std::string& value : values) list.append(py::str(value));
  return py::module_::import("numpy").attr("array")(list, py::arg("dtype") = "str");
}

}  // namespace cadenza::python
