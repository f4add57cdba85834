#pragma once

// How a referral's offers are ranked: a pure function of the offers, the
// referral's weights, greatest distance and budget.
//
// Each offer gets three components between 0 and 1:
//   quality  = the provider's quality score on the lot (0 to 100) / 100
//   price    = lowest weekly cost among the offers / this offer's weekly
//              cost (1 when this one costs nothing; 0 when it costs
//              something and the lowest is free)
//   distance = 1 - distance / greatest distance, floored at 0
// and a score of 0 to 100: quality x w_quality + price x w_price +
// distance x w_distance, the weights being whole percentages summing to 100.
//
// Order, best first (the tie-break rule):
//   1. offers within the budget before those above it (all are within it
//      when the referral has no budget);
//   2. higher score (scores within 1e-9 of each other are equal);
//   3. lower weekly cost;
//   4. nearer;
//   5. earlier offer;
//   6. provider id, alphabetically.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/referrals/domain/model.h"

namespace fhub::referrals {

// One live offer as ranking sees it.
struct Candidate {
  std::string provider_id;
  int64_t weekly_pence = 0;
  double distance_miles = 0;
  double quality_score = 0;  // 0 to 100
  absl::Time offer_time;
};

struct RankedCandidate {
  Candidate candidate;
  int rank = 0;  // 1 for the best
  double quality_component = 0;
  double price_component = 0;
  double distance_component = 0;
  double score = 0;
  bool within_budget = true;
};

// `candidates` ranked best first. `max_distance_miles` > 0;
// `weekly_budget_pence` 0 means no budget.
std::vector<RankedCandidate> Rank(const std::vector<Candidate>& candidates,
                                  const Weights& weights,
                                  double max_distance_miles,
                                  int64_t weekly_budget_pence);

}  // namespace fhub::referrals
