// Quartiles and fences exactly as Cardinal computes them (statrs' type 8 quantile, fused fences).
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/redflags_internal.h"

namespace lf::engine::redflags {

void sort_values(std::vector<double>& v) {
  // NaN (a ratio over two zero bids) sorts last, so that the order stays a strict weak ordering.
  std::sort(v.begin(), v.end(), [](double a, double b) { return a < b || (!std::isnan(a) && std::isnan(b)); });
}

double quantile_sorted(const std::vector<double>& x, double tau) {
  if (x.empty() || !(tau >= 0.0 && tau <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(x.size());
  // `volatile` keeps the compiler from fusing these products into FMAs (it may on FMA targets): Cardinal
  // rounds after each operation, and the fences are compared with exact equality.
  volatile double scaled = (n + 1.0 / 3.0) * tau;
  const double h = scaled + 1.0 / 3.0;
  const auto k = static_cast<int64_t>(h);  // h > 0, so truncation is floor
  if (k <= 0 || tau == 0.0) return x.front();
  if (k >= static_cast<int64_t>(x.size()) || tau == 1.0) return x.back();
  const double a = x[static_cast<size_t>(k) - 1];
  const double b = x[static_cast<size_t>(k)];
  volatile double step = (h - static_cast<double>(k)) * (b - a);
  return a + step;
}

double quantile_type8(std::vector<double> values, double tau) {
  sort_values(values);
  return quantile_sorted(values, tau);
}

double lower_fence(double q1, double q3) { return std::fma(q3 - q1, -1.5, q1); }
double upper_fence(double q1, double q3) { return std::fma(q3 - q1, 1.5, q3); }

}  // namespace lf::engine::redflags
