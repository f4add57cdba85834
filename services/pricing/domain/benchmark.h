#pragma once

// Regional statistics of rates, published only where no council's price
// can leak.
//
// Input: one data point per price book in force (its card on the day), with
// the buying authority and the provider. The benchmark is WITHHELD (no
// statistic at all) unless at least kMinAuthorities distinct authorities
// and kMinProviders distinct providers contribute. Otherwise each measure
// (accommodation per week, support per hour) gives the count of points and
// its lower quartile, median and upper quartile.
//
// Quartiles, written down: sort the n values ascending (v[0] .. v[n-1]);
// the p-quantile (p = 1/4, 1/2, 3/4) is at position h = p x (n - 1), and
// is v[floor(h)] + (h - floor(h)) x (v[floor(h) + 1] - v[floor(h)]) -
// linear interpolation between the closest ranks, as Excel's QUARTILE.INC
// and R's default type 7 - computed exactly in integers (h is a multiple of
// 1/4) and rounded once to the nearest penny, halves up. E.g. for 100, 200,
// 400, 800: lower quartile at h = 0.75 is 175, median at 1.5 is 300, upper
// quartile at 2.25 is 500.
//
// Position: where the caller's own rates stand, by the median of its own
// values (same method): BELOW_LOWER_QUARTILE (< lower quartile),
// LOWER_QUARTILE_TO_MEDIAN (lower quartile to median, both included),
// MEDIAN_TO_UPPER_QUARTILE (above the median up to the upper quartile
// included), ABOVE_UPPER_QUARTILE (> upper quartile). Only the band is
// returned, never another member's value.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/enum_names.h"

namespace fhub::pricing {

inline constexpr size_t kMinAuthorities = 3;
inline constexpr size_t kMinProviders = 3;

struct BenchmarkPoint {
  std::string authority_id;
  std::string provider_id;
  int64_t accommodation_weekly_pence = 0;
  int64_t support_hourly_pence = 0;
};

struct RateStatistics {
  int count = 0;
  int64_t lower_quartile_pence = 0;
  int64_t median_pence = 0;
  int64_t upper_quartile_pence = 0;
};

struct Benchmark {
  // True when too few authorities or providers contribute: the statistics
  // are then all zero.
  bool withheld = true;
  RateStatistics accommodation_weekly;
  RateStatistics support_hourly;
};

enum class Position {
  kBelowLowerQuartile,
  kLowerQuartileToMedian,
  kMedianToUpperQuartile,
  kAboveUpperQuartile,
};
inline constexpr std::array<EnumName<Position>, 4> kPositions = {{
    {Position::kBelowLowerQuartile, "BELOW_LOWER_QUARTILE"},
    {Position::kLowerQuartileToMedian, "LOWER_QUARTILE_TO_MEDIAN"},
    {Position::kMedianToUpperQuartile, "MEDIAN_TO_UPPER_QUARTILE"},
    {Position::kAboveUpperQuartile, "ABOVE_UPPER_QUARTILE"},
}};

// The quarter-th quartile (0 = minimum, 1 = lower, 2 = median, 3 = upper,
// 4 = maximum) of `values` by the method above. `values` must not be empty
// and need not be sorted; values are pence, 0 to 10^15.
int64_t Quartile(std::vector<int64_t> values, int quarter);

// The statistics of `points`, withheld as above.
Benchmark ComputeBenchmark(const std::vector<BenchmarkPoint>& points);

// Where the median of `own_values` stands against `statistics`.
// FAILED_PRECONDITION if the benchmark is withheld or `own_values` is empty
// (the caller has no book in force).
absl::StatusOr<Position> PositionOf(const std::vector<int64_t>& own_values,
                                    const Benchmark& benchmark,
                                    const RateStatistics& statistics);

}  // namespace fhub::pricing
