#include "services/pricing/domain/benchmark.h"

#include <algorithm>
#include <set>

#include "services/pricing/domain/money.h"

namespace fhub::pricing {
namespace {

RateStatistics Statistics(const std::vector<int64_t>& values) {
  RateStatistics statistics;
  statistics.count = static_cast<int>(values.size());
  statistics.lower_quartile_pence = Quartile(values, 1);
  statistics.median_pence = Quartile(values, 2);
  statistics.upper_quartile_pence = Quartile(values, 3);
  return statistics;
}

}  // namespace

int64_t Quartile(std::vector<int64_t> values, int quarter) {
  std::sort(values.begin(), values.end());
  // h = quarter x (n - 1) / 4 = below + remainder / 4.
  const int64_t quarters = int64_t{quarter} * (int64_t(values.size()) - 1);
  const size_t below = static_cast<size_t>(quarters / 4);
  const int64_t remainder = quarters % 4;
  if (remainder == 0) return values[below];
  // 4 x the exact value, divided by 4 once: halves up.
  const int64_t four_times =
      4 * values[below] + remainder * (values[below + 1] - values[below]);
  return DivideToNearestPenny(four_times, 4);
}

Benchmark ComputeBenchmark(const std::vector<BenchmarkPoint>& points) {
  std::set<std::string> authorities;
  std::set<std::string> providers;
  std::vector<int64_t> accommodation;
  std::vector<int64_t> support;
  for (const BenchmarkPoint& point : points) {
    authorities.insert(point.authority_id);
    providers.insert(point.provider_id);
    accommodation.push_back(point.accommodation_weekly_pence);
    support.push_back(point.support_hourly_pence);
  }
  Benchmark benchmark;
  if (authorities.size() < kMinAuthorities ||
      providers.size() < kMinProviders) {
    return benchmark;
  }
  benchmark.withheld = false;
  benchmark.accommodation_weekly = Statistics(accommodation);
  benchmark.support_hourly = Statistics(support);
  return benchmark;
}

absl::StatusOr<Position> PositionOf(const std::vector<int64_t>& own_values,
                                    const Benchmark& benchmark,
                                    const RateStatistics& statistics) {
  if (benchmark.withheld) {
    return absl::FailedPreconditionError(
        "the benchmark is withheld: fewer than three authorities or three "
        "providers contribute");
  }
  if (own_values.empty()) {
    return absl::FailedPreconditionError(
        "the caller has no price book in force to compare");
  }
  const int64_t own = Quartile(own_values, 2);
  if (own < statistics.lower_quartile_pence) {
    return Position::kBelowLowerQuartile;
  }
  if (own <= statistics.median_pence) return Position::kLowerQuartileToMedian;
  if (own <= statistics.upper_quartile_pence) {
    return Position::kMedianToUpperQuartile;
  }
  return Position::kAboveUpperQuartile;
}

}  // namespace fhub::pricing
