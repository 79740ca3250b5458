// The `cadenza` Python module (the extension cadenza._cadenza, re-exported by
// cadenza/__init__.py): cadenza's MIDI reading, tokenizers, audio features and genre
// classifiers on NumPy arrays, calling the same library functions as the command line.
#include "bindings.h"
#include "errors.h"

PYBIND11_MODULE(_cadenza, m) {
  m.doc() =
      "cadenza: MIDI, MidiTok REMI/TSD and the paper's tokens, librosa's GTZAN features and "
      "genre classifiers, from C++";
  m.attr("__version__") = CADENZA_VERSION;
  cadenza::python::register_exceptions(m);
  cadenza::python::bind_score(m);
  cadenza::python::bind_tokens(m);
  cadenza::python::bind_features(m);
  cadenza::python::bind_classify(m);
}
