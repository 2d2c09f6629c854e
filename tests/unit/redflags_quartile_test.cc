// Hyndman and Fan's type 8 quantile, as Cardinal's fences use it, and the fences themselves.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/redflags.h"
#include "engine/redflags_internal.h"

namespace lf::engine::redflags {
namespace {

TEST(RedflagQuartile, OneValueIsEveryQuantile) {
  // n = 1: h = 4/3·τ + 1/3, so k = 0 (minimum) for τ < 1/2 and k = 1 = n (maximum) from τ = 1/2.
  for (double tau : {0.0, 0.25, 0.5, 0.75, 1.0}) EXPECT_EQ(quantile_type8({7.5}, tau), 7.5) << tau;
}

TEST(RedflagQuartile, TwoValues) {
  // n = 2: Q1 has h = 11/12 (k = 0: the minimum), Q3 has h = 25/12 (k = 2 = n: the maximum).
  EXPECT_EQ(quantile_type8({3.0, 1.0}, 0.25), 1.0);
  EXPECT_EQ(quantile_type8({3.0, 1.0}, 0.75), 3.0);
  EXPECT_EQ(quantile_type8({3.0, 1.0}, 0.5), 2.0);  // h = 1.5: halfway
}

TEST(RedflagQuartile, InterpolatesBetweenOrderStatistics) {
  // R's quantile(1:4, type = 8): 1.416667 and 3.583333.
  EXPECT_NEAR(quantile_type8({4, 3, 2, 1}, 0.25), 1 + 5.0 / 12, 1e-15);
  EXPECT_NEAR(quantile_type8({4, 3, 2, 1}, 0.75), 3 + 7.0 / 12, 1e-15);
  // The R048 fixture's counts: Q1 = 1, Q3 = 1 + 1/3.
  EXPECT_EQ(quantile_type8({1, 1, 1, 1, 2}, 0.25), 1.0);
  EXPECT_NEAR(quantile_type8({1, 1, 1, 1, 2}, 0.75), 4.0 / 3, 1e-15);
}

TEST(RedflagQuartile, EdgesOfK) {
  // k <= 0 gives the minimum...
  EXPECT_EQ(quantile_type8({5, 9, 2}, 0.1), 2.0);  // h = 10/3·0.1 + 1/3 = 2/3
  // ...and k >= n the maximum.
  EXPECT_EQ(quantile_type8({5, 9, 2}, 0.9), 9.0);  // h = 10/3·0.9 + 1/3 = 10/3
  EXPECT_EQ(quantile_type8({5, 9, 2}, 0.0), 2.0);
  EXPECT_EQ(quantile_type8({5, 9, 2}, 1.0), 9.0);
}

TEST(RedflagQuartile, NothingToMeasure) {
  EXPECT_TRUE(std::isnan(quantile_type8({}, 0.25)));
  EXPECT_TRUE(std::isnan(quantile_type8({1, 2}, 1.5)));  // R025's percentile above 100
  EXPECT_TRUE(std::isnan(quantile_type8({1, 2}, -0.1)));
}

TEST(RedflagQuartile, FencesAreFusedLikeCardinals) {
  // The R025 fixture: ratios 0, 0.2 and eight 1.0 give Q1 = 0.9333…, Q3 = 1, lower fence 0.8333….
  std::vector<double> ratios = {0, 0.2, 1, 1, 1, 1, 1, 1, 1, 1};
  const double q1 = quantile_type8(ratios, 0.25), q3 = quantile_type8(ratios, 0.75);
  EXPECT_NEAR(q1, 0.2 + (35.0 / 12 - 2) * 0.8, 1e-15);
  EXPECT_EQ(q3, 1.0);
  EXPECT_EQ(lower_fence(q1, q3), std::fma(q3 - q1, -1.5, q1));
  EXPECT_EQ(upper_fence(0.0, 0.05), std::fma(0.05, 1.5, 0.05));
  EXPECT_EQ(upper_fence(0.5, 0.5), 0.5);
}

}  // namespace
}  // namespace lf::engine::redflags
