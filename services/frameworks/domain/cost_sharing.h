#pragma once

// Sharing the lead's contract-management cost among the members, in whole
// pence that add up exactly to the cost.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/frameworks/domain/model.h"

namespace fhub::frameworks {

// What a member's share is based on: its placements started in the period
// (PRO_RATA_PLACEMENTS) or its agreed fee in pence (FIXED_FEES); ignored for
// EQUAL_SHARES.
struct MemberBasis {
  std::string authority_id;
  int64_t basis = 0;
};

struct Share {
  std::string authority_id;
  int64_t basis = 0;  // as given (1 for each member under equal shares)
  int64_t pence = 0;
};

struct Apportionment {
  // One share per member, in the order given.
  std::vector<Share> shares;
  // The method actually applied: EQUAL_SHARES when PRO_RATA_PLACEMENTS fell
  // back because no member started a placement in the period.
  CostSharingMethod applied = CostSharingMethod::kEqualShares;
  bool fell_back_to_equal_shares = false;
};

// Splits `cost_pence` by `method` with largest-remainder rounding: each
// member first gets floor(cost * basis / total); the pence left over go one
// each to the members with the largest remainders (cost * basis mod total),
// ties broken by the larger basis, then by authority id in ascending order.
// Members with basis 0 pay nothing (under pro rata: no placements, no
// share). INVALID_ARGUMENT for a negative cost or basis, no members, a
// member named twice, or FIXED_FEES whose fees are all zero.
absl::StatusOr<Apportionment> Apportion(
    int64_t cost_pence, CostSharingMethod method,
    const std::vector<MemberBasis>& members);

}  // namespace fhub::frameworks
