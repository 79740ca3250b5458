// load_classifier() and the Classifier class: a model from `cadenza classify train`, with
// scikit-learn's predict_proba / predict / classes_ on rows of GTZAN features (a 2-D array in
// the model's column order, or the dict that features() returns, or a pandas.DataFrame).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "classify/classifier.h"
#include "common/error.h"
#include "errors.h"
#include "inputs.h"
#include "records.h"

namespace cadenza::python {
namespace py = pybind11;
namespace {

using classify::Classifier;
using classify::Matrix;

std::shared_ptr<Classifier> load_classifier(const py::object& path_object) {
  const std::filesystem::path path = to_path(path_object);
  require_exists(path);
  py::gil_scoped_release unlocked;
  try {
    return std::make_shared<Classifier>(Classifier::load(path));
  } catch (const NeedsTorch&) {  // an MLP model: RuntimeError, this module has no libtorch
    throw;
  } catch (const std::runtime_error& e) {  // another file type, a damaged file
    throw BadInput(e.what());
  }
}

// Rows x the model's columns: by name from a mapping (dict, DataFrame), else as given.
Matrix feature_rows(const Classifier& classifier, const py::object& x) {
  const std::size_t columns = classifier.columns.size();
  if (py::isinstance<py::dict>(x) || py::hasattr(x, "columns")) {
    std::vector<py::array_t<double>> values;
    for (const std::string& name : classifier.columns) {
      if (!py::bool_(x.attr("__contains__")(name)))
        throw BadInput("the features have no column '" + name + "' (the model reads " +
                       std::to_string(columns) + " columns: cadenza.features() gives them)");
      values.push_back(py::array_t<double, py::array::forcecast>::ensure(
          py::module_::import("numpy").attr("asarray")(x[py::str(name)], "float64")));
    }
    const py::ssize_t rows = values.empty() ? 0 : values.front().size();
    Matrix out(rows, static_cast<Eigen::Index>(columns));
    for (std::size_t c = 0; c < columns; ++c) {
      if (values[c].ndim() != 1 || values[c].size() != rows)
        throw BadInput("column '" + classifier.columns[c] + "': expected " + std::to_string(rows) +
                       " values");
      for (py::ssize_t r = 0; r < rows; ++r) out(r, static_cast<Eigen::Index>(c)) = values[c].at(r);
    }
    return out;
  }
  auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(x);
  if (!array) throw BadInput("X: expected a 2-D array of numbers, a dict or a DataFrame");
  if (array.ndim() == 1) array = array.reshape({py::ssize_t{1}, array.size()});
  if (array.ndim() != 2 || static_cast<std::size_t>(array.shape(1)) != columns)
    throw BadInput("X: expected rows of " + std::to_string(columns) +
                   " features (the model's columns, Classifier.columns)");
  Matrix out(array.shape(0), array.shape(1));
  for (py::ssize_t r = 0; r < array.shape(0); ++r)
    for (py::ssize_t c = 0; c < array.shape(1); ++c) out(r, c) = array.at(r, c);
  return out;
}

Matrix predict_proba(const Classifier& classifier, const py::object& x) {
  const Matrix rows = feature_rows(classifier, x);
  py::gil_scoped_release unlocked;
  return classifier.predict_proba(rows);
}

py::array predict(const Classifier& classifier, const py::object& x) {
  const Matrix rows = feature_rows(classifier, x);
  classify::Labels labels;
  {
    py::gil_scoped_release unlocked;
    labels = classifier.predict(rows);
  }
  std::vector<std::string> names;
  for (int label : labels) names.push_back(classifier.labels.at(static_cast<std::size_t>(label)));
  return string_column(names);
}

}  // namespace

void bind_classify(py::module_& m) {
  py::class_<Classifier, std::shared_ptr<Classifier>>(
      m, "Classifier", "A genre classifier from `cadenza classify train` (scaler, PCA, model).")
      .def_readonly("classes_", &Classifier::labels,
                    "the genres, in the order of the columns of "
                    "predict_proba")
      .def_readonly("classes", &Classifier::labels, "the same as classes_")
      .def_readonly("columns", &Classifier::columns, "the feature columns the model reads")
      .def_readonly("segment", &Classifier::segment_seconds,
                    "seconds of audio per row it was trained on (30 or 3)")
      .def_property_readonly("kind", &Classifier::kind, "'knn', 'svm', ...")
      .def("predict_proba", &predict_proba, py::arg("X"),
           "Probabilities (rows x classes_) as `cadenza classify predict` gives them.")
      .def("predict", &predict, py::arg("X"), "The most probable genre of each row.")
      .def("__repr__", [](const Classifier& c) {
        return "<cadenza.Classifier " + c.kind() + ": " + std::to_string(c.labels.size()) +
               " classes, " + std::to_string(c.columns.size()) + " columns, " +
               std::to_string(c.segment_seconds) + " s segments>";
      });

  m.def("load_classifier", &load_classifier, py::arg("path"),
        "Loads a model file of `cadenza classify train` (FileNotFoundError, or ValueError "
        "naming what is wrong with the file).");
}

}  // namespace cadenza::python
