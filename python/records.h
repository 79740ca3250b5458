#pragma once
// NumPy arrays from C++ vectors: plain columns, and structured arrays (records) made of named
// columns, packed, as pandas.DataFrame(array) and array['pitch'] expect.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <utility>
#include <vector>

namespace cadenza::python {

template <typename T>
pybind11::array_t<T> column(const std::vector<T>& values) {
  return pybind11::array_t<T>(static_cast<pybind11::ssize_t>(values.size()), values.data());
}

// Columns of equal length -> one structured array with those fields, in that order.
pybind11::array records(const std::vector<std::pair<std::string, pybind11::array>>& columns);

// A list of str -> a NumPy array of str (dtype '<U...').
pybind11::array string_column(const std::vector<std::string>& values);

}  // namespace cadenza::python
