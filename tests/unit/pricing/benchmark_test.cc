// Regional benchmarks: withholding, quartiles and the caller's position.

#include "services/pricing/domain/benchmark.h"

#include <algorithm>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::pricing {
namespace {

using ::fhub::testing::IsOk;
using ::fhub::testing::IsOkAndHolds;
using ::fhub::testing::StatusIs;
using ::testing::Eq;

TEST(QuartileTest, LinearInterpolationBetweenClosestRanks) {
  // h = p x (n - 1): 0.75, 1.5, 2.25.
  const std::vector<int64_t> values = {800, 100, 400, 200};  // unsorted
  EXPECT_EQ(Quartile(values, 0), 100);
  EXPECT_EQ(Quartile(values, 1), 175);  // 100 + 0.75 x 100
  EXPECT_EQ(Quartile(values, 2), 300);  // 200 + 0.5 x 200
  EXPECT_EQ(Quartile(values, 3), 500);  // 400 + 0.25 x 400
  EXPECT_EQ(Quartile(values, 4), 800);
  // Excel: QUARTILE.INC({1,2,3,4}, 1) = 1.75 -> 2p, median 2.5 -> 3p,
  // upper 3.25 -> 3p.
  EXPECT_EQ(Quartile({1, 2, 3, 4}, 1), 2);
  EXPECT_EQ(Quartile({1, 2, 3, 4}, 2), 3);
  EXPECT_EQ(Quartile({1, 2, 3, 4}, 3), 3);
  // Odd counts land on ranks: h = 1, 2, 3.
  EXPECT_EQ(Quartile({50, 10, 40, 20, 30}, 1), 20);
  EXPECT_EQ(Quartile({50, 10, 40, 20, 30}, 2), 30);
  EXPECT_EQ(Quartile({50, 10, 40, 20, 30}, 3), 40);
  // Halves round up; quarters to the nearest.
  EXPECT_EQ(Quartile({1, 2}, 2), 2);  // 1.5
  EXPECT_EQ(Quartile({1, 2}, 1), 1);  // 1.25
  EXPECT_EQ(Quartile({1, 2}, 3), 2);  // 1.75
  EXPECT_EQ(Quartile({0, 3}, 2), 2);  // 1.5
  EXPECT_EQ(Quartile({7}, 1), 7);
  EXPECT_EQ(Quartile({7}, 3), 7);
  // Six values: h = 1.25, 2.5, 3.75 over 85000 .. 110000.
  const std::vector<int64_t> weekly = {85000, 90000,  92500,
                                       97000, 101000, 110000};
  EXPECT_EQ(Quartile(weekly, 1), 90625);   // 90000 + 0.25 x 2500
  EXPECT_EQ(Quartile(weekly, 2), 94750);   // 92500 + 0.5 x 4500
  EXPECT_EQ(Quartile(weekly, 3), 100000);  // 97000 + 0.75 x 4000
  // 1851.25 -> 1851, 1852.5 -> 1853 (halves up), 1853.75 -> 1854.
  EXPECT_EQ(Quartile({1850, 1855}, 1), 1851);
  EXPECT_EQ(Quartile({1850, 1855}, 2), 1853);
  EXPECT_EQ(Quartile({1850, 1855}, 3), 1854);
}

TEST(QuartileTest, MonotoneAndWithinTheValues) {
  std::vector<int64_t> values;
  for (int n = 1; n < 40; ++n) {
    values.push_back((n * 7919) % 1000);
    int64_t previous = Quartile(values, 0);
    for (int q = 1; q <= 4; ++q) {
      const int64_t quartile = Quartile(values, q);
      ASSERT_LE(previous, quartile);
      previous = quartile;
    }
    ASSERT_EQ(Quartile(values, 0),
              *std::min_element(values.begin(), values.end()));
    ASSERT_EQ(Quartile(values, 4),
              *std::max_element(values.begin(), values.end()));
  }
}

BenchmarkPoint Point(const std::string& authority, const std::string& provider,
                     int64_t weekly, int64_t hourly) {
  return {authority, provider, weekly, hourly};
}

TEST(ComputeBenchmarkTest, WithheldUnlessThreeAuthoritiesAndThreeProviders) {
  // Many books, but only two authorities.
  std::vector<BenchmarkPoint> points = {
      Point("sefton", "acme-care", 85000, 1850),
      Point("sefton", "bright-futures", 90000, 1900),
      Point("wirral", "cedar-homes", 95000, 2000),
      Point("wirral", "acme-care", 80000, 1800),
  };
  Benchmark benchmark = ComputeBenchmark(points);
  EXPECT_TRUE(benchmark.withheld);
  EXPECT_EQ(benchmark.accommodation_weekly.count, 0);
  EXPECT_EQ(benchmark.accommodation_weekly.median_pence, 0);
  EXPECT_EQ(benchmark.support_hourly.median_pence, 0);

  // Three authorities, but only two providers.
  points = {
      Point("sefton", "acme-care", 85000, 1850),
      Point("wirral", "acme-care", 90000, 1900),
      Point("halton", "bright-futures", 95000, 2000),
  };
  EXPECT_TRUE(ComputeBenchmark(points).withheld);
  EXPECT_TRUE(ComputeBenchmark({}).withheld);

  // Three of each.
  points.push_back(Point("halton", "cedar-homes", 80000, 1800));
  benchmark = ComputeBenchmark(points);
  ASSERT_FALSE(benchmark.withheld);
  // 80000 85000 90000 95000: h = 0.75, 1.5, 2.25
  EXPECT_EQ(benchmark.accommodation_weekly.count, 4);
  EXPECT_EQ(benchmark.accommodation_weekly.lower_quartile_pence, 83750);
  EXPECT_EQ(benchmark.accommodation_weekly.median_pence, 87500);
  EXPECT_EQ(benchmark.accommodation_weekly.upper_quartile_pence, 91250);
  // 1800 1850 1900 2000: 1837.5 -> 1838, 1875, 1925
  EXPECT_EQ(benchmark.support_hourly.count, 4);
  EXPECT_EQ(benchmark.support_hourly.lower_quartile_pence, 1838);
  EXPECT_EQ(benchmark.support_hourly.median_pence, 1875);
  EXPECT_EQ(benchmark.support_hourly.upper_quartile_pence, 1925);
}

TEST(PositionOfTest, BandsAroundTheQuartiles) {
  Benchmark benchmark;
  benchmark.withheld = false;
  benchmark.accommodation_weekly = {4, 175, 300, 500};
  const RateStatistics& s = benchmark.accommodation_weekly;
  const auto position = [&](std::vector<int64_t> own) {
    return PositionOf(own, benchmark, s);
  };
  EXPECT_THAT(position({174}), IsOkAndHolds(Eq(Position::kBelowLowerQuartile)));
  EXPECT_THAT(position({175}),
              IsOkAndHolds(Eq(Position::kLowerQuartileToMedian)));
  EXPECT_THAT(position({300}),
              IsOkAndHolds(Eq(Position::kLowerQuartileToMedian)));
  EXPECT_THAT(position({301}),
              IsOkAndHolds(Eq(Position::kMedianToUpperQuartile)));
  EXPECT_THAT(position({500}),
              IsOkAndHolds(Eq(Position::kMedianToUpperQuartile)));
  EXPECT_THAT(position({501}), IsOkAndHolds(Eq(Position::kAboveUpperQuartile)));
  // By the caller's own median: (100 + 600) / 2 = 350.
  EXPECT_THAT(position({600, 100}),
              IsOkAndHolds(Eq(Position::kMedianToUpperQuartile)));
  EXPECT_EQ(NameOf(kPositions, Position::kLowerQuartileToMedian),
            "LOWER_QUARTILE_TO_MEDIAN");
}

TEST(PositionOfTest, NothingWhenWithheldOrNoOwnBooks) {
  Benchmark withheld;
  EXPECT_THAT(PositionOf({100}, withheld, withheld.accommodation_weekly),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  Benchmark published;
  published.withheld = false;
  published.support_hourly = {3, 1800, 1850, 1900};
  EXPECT_THAT(PositionOf({}, published, published.support_hourly),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(PositionOf({1850}, published, published.support_hourly), IsOk());
}

}  // namespace
}  // namespace fhub::pricing
