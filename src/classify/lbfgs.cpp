#include "classify/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace cadenza::classify {
namespace {

// Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside [lo, hi].
double cubic_step(double a, double fa, double ga, double b, double fb, double gb) {
  const double d1 = ga + gb - 3.0 * (fa - fb) / (a - b);
  const double disc = d1 * d1 - ga * gb;
  const double lo = std::min(a, b), hi = std::max(a, b);
  if (disc < 0.0) return 0.5 * (a + b);
  const double d2 = std::copysign(std::sqrt(disc), b - a);
  const double t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2.0 * d2);
  if (!std::isfinite(t) || t <= lo + 0.1 * (hi - lo) || t >= hi - 0.1 * (hi - lo))
    return 0.5 * (a + b);
  return t;
}

struct Point {
  double step, value, slope;
  Vector x, gradient;
};

// Nocedal & Wright, algorithms 3.5 and 3.6 (c1 = 1e-3, c2 = 0.9 as in MINPACK's dcsrch
// settings that SciPy uses).
bool line_search(const Objective& f, const Vector& x, double value, const Vector& gradient,
                 const Vector& direction, double step, int max_evaluations, Point& out) {
  constexpr double c1 = 1e-3, c2 = 0.9;
  const double slope0 = gradient.dot(direction);
  if (slope0 >= 0.0) return false;
  auto evaluate = [&](double t) {
    Point p{t, 0.0, 0.0, x + t * direction, Vector(x.size())};
    p.value = f(p.x, p.gradient);
    p.slope = p.gradient.dot(direction);
    return p;
  };
  Point previous{0.0, value, slope0, x, gradient};
  bool have_low = false;
  Point low, high;
  int evaluations = 0;
  while (evaluations < max_evaluations) {
    Point current = evaluate(step);
    ++evaluations;
    if (!std::isfinite(current.value) || current.value > value + c1 * step * slope0 ||
        (evaluations > 1 && current.value >= previous.value)) {
      low = previous;
      high = current;
      have_low = true;
      break;
    }
    if (std::abs(current.slope) <= -c2 * slope0) {
      out = std::move(current);
      return true;
    }
    if (current.slope >= 0.0) {
      low = current;
      high = previous;
      have_low = true;
      break;
    }
    previous = std::move(current);
    step *= 2.0;
  }
  if (!have_low) {
    out = std::move(previous);
    return out.step > 0.0;
  }
  while (evaluations < max_evaluations) {
    const double t = std::isfinite(high.value) ? cubic_step(low.step, low.value, low.slope,
                                                            high.step, high.value, high.slope)
                                               : 0.5 * (low.step + high.step);
    Point current = evaluate(t);
    ++evaluations;
    if (!std::isfinite(current.value) || current.value > value + c1 * t * slope0 ||
        current.value >= low.value) {
      high = std::move(current);
    } else {
      if (std::abs(current.slope) <= -c2 * slope0) {
        out = std::move(current);
        return true;
      }
      if (current.slope * (high.step - low.step) >= 0.0) high = low;
      low = std::move(current);
    }
  }
  // Out of evaluations: accept the best sufficient-decrease point found.
  out = std::move(low);
  return out.step > 0.0;
}

}  // namespace

LbfgsResult minimize_lbfgs(const Objective& f, Vector x0, const LbfgsOptions& options) {
  LbfgsResult result;
  result.x = std::move(x0);
  Vector gradient(result.x.size());
  result.value = f(result.x, gradient);
  std::deque<Vector> s_history, y_history;
  std::deque<double> rho_history;
  for (int iteration = 0; iteration < options.max_iter; ++iteration) {
    if (gradient.lpNorm<Eigen::Infinity>() <= options.gtol) {
      result.converged = true;
      break;
    }
    // Two-loop recursion for the quasi-Newton direction.
    Vector q = gradient;
    std::vector<double> alpha(s_history.size());
    for (std::size_t i = s_history.size(); i-- > 0;) {
      alpha[i] = rho_history[i] * s_history[i].dot(q);
      q -= alpha[i] * y_history[i];
    }
    if (!s_history.empty())
      q *= s_history.back().dot(y_history.back()) / y_history.back().squaredNorm();
    for (std::size_t i = 0; i < s_history.size(); ++i) {
      const double beta = rho_history[i] * y_history[i].dot(q);
      q += (alpha[i] - beta) * s_history[i];
    }
    const Vector direction = -q;
    const double first_step = s_history.empty() ? 1.0 / direction.norm() : 1.0;
    Point next;
    if (!line_search(f, result.x, result.value, gradient, direction, first_step,
                     options.max_line_search, next))
      break;
    const Vector s = next.x - result.x, y = next.gradient - gradient;
    const double previous_value = result.value;
    result.x = std::move(next.x);
    gradient = std::move(next.gradient);
    result.value = next.value;
    result.iterations = iteration + 1;
    const double sy = s.dot(y);
    if (sy > 1e-10 * y.squaredNorm()) {
      s_history.push_back(s);
      y_history.push_back(y);
      rho_history.push_back(1.0 / sy);
      if (static_cast<int>(s_history.size()) > options.memory) {
        s_history.pop_front();
        y_history.pop_front();
        rho_history.pop_front();
      }
    }
    const double scale = std::max({std::abs(previous_value), std::abs(result.value), 1.0});
    if ((previous_value - result.value) / scale <= options.ftol) {
      result.converged = true;
      break;
    }
  }
  if (gradient.lpNorm<Eigen::Infinity>() <= options.gtol) result.converged = true;
  return result;
}

}  // namespace cadenza::classify
