#pragma once
// Limited-memory BFGS with a strong-Wolfe line search, stopping like SciPy's L-BFGS-B (what
// scikit-learn's LogisticRegression calls): at most max_iter iterations, or when the largest
// gradient component is <= gtol, or when the relative decrease of f is <= ftol.
#include <functional>

#include "classify/types.h"

namespace cadenza::classify {

struct LbfgsOptions {
  int max_iter = 100;
  int memory = 10;     // SciPy's maxcor
  double gtol = 1e-4;  // scikit-learn passes tol
  double ftol = 2.220446049250313e-09;
  int max_line_search = 20;
};

struct LbfgsResult {
  Vector x;
  double value = 0.0;
  int iterations = 0;
  bool converged = false;
};

// f(x, gradient) returns the value and writes the gradient.
using Objective = std::function<double(const Vector& x, Vector& gradient)>;

LbfgsResult minimize_lbfgs(const Objective& f, Vector x0, const LbfgsOptions& options = {});

}  // namespace cadenza::classify
