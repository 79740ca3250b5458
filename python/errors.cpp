#include "errors.h"

#include "audio/load.h"
#include "common/error.h"
#include "midi/reader.h"

namespace cadenza::python {

void require_exists(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw FileMissing(path.string() + ": no such file");
}

void register_exceptions(pybind11::module_&) {
  pybind11::register_exception_translator([](std::exception_ptr failure) {
    try {
      if (failure) std::rethrow_exception(failure);
    } catch (const FileMissing& e) {
      PyErr_SetString(PyExc_FileNotFoundError, e.what());
    } catch (const WriteFailure& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const BadInput& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const midi::ParseError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const audio::AudioError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const UsageError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
    // Everything else: pybind11's own translation (std::invalid_argument -> ValueError,
    // std::runtime_error -> RuntimeError, ...).
  });
}

}  // namespace cadenza::python
