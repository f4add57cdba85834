#include "services/referrals/domain/ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fhub::referrals {
namespace {

constexpr double kScoreEpsilon = 1e-9;

double Clamp01(double value) {
  if (!(value > 0)) return 0;  // also NaN
  return value > 1 ? 1 : value;
}

}  // namespace

std::vector<RankedCandidate> Rank(const std::vector<Candidate>& candidates,
                                  const Weights& weights,
                                  double max_distance_miles,
                                  int64_t weekly_budget_pence) {
  int64_t lowest = std::numeric_limits<int64_t>::max();
  for (const Candidate& c : candidates)
    lowest = std::min(lowest, c.weekly_pence);

  std::vector<RankedCandidate> ranked;
  ranked.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    RankedCandidate r;
    r.candidate = c;
    r.quality_component = Clamp01(c.quality_score / 100.0);
    if (c.weekly_pence <= 0) {
      r.price_component = 1;
    } else {
      r.price_component = Clamp01(static_cast<double>(lowest) /
                                  static_cast<double>(c.weekly_pence));
    }
    r.distance_component =
        max_distance_miles > 0
            ? Clamp01(1.0 - c.distance_miles / max_distance_miles)
            : 0;
    r.score = r.quality_component * weights.quality +
              r.price_component * weights.price +
              r.distance_component * weights.distance;
    r.within_budget =
        weekly_budget_pence <= 0 || c.weekly_pence <= weekly_budget_pence;
    ranked.push_back(r);
  }

  std::sort(ranked.begin(), ranked.end(),
            [](const RankedCandidate& a, const RankedCandidate& b) {
              if (a.within_budget != b.within_budget) return a.within_budget;
              if (std::fabs(a.score - b.score) > kScoreEpsilon) {
                return a.score > b.score;
              }
              const Candidate& x = a.candidate;
              const Candidate& y = b.candidate;
              if (x.weekly_pence != y.weekly_pence) {
                return x.weekly_pence < y.weekly_pence;
              }
              if (x.distance_miles != y.distance_miles) {
                return x.distance_miles < y.distance_miles;
              }
              if (x.offer_time != y.offer_time)
                return x.offer_time < y.offer_time;
              return x.provider_id < y.provider_id;
            });
  for (size_t i = 0; i < ranked.size(); ++i) {
    ranked[i].rank = static_cast<int>(i) + 1;
  }
  return ranked;
}

}  // namespace fhub::referrals
