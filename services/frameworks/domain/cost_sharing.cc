#include "services/frameworks/domain/cost_sharing.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace fhub::frameworks {
namespace {

// cost (up to 2^63) times a basis (up to 2^63) needs 126 bits, and so may a
// sum of many bases.
using Wide = __int128;

absl::Status ValidateInput(int64_t cost_pence, CostSharingMethod method,
                           const std::vector<MemberBasis>& members) {
  if (cost_pence < 0) {
    return absl::InvalidArgumentError("cost_pence must not be negative");
  }
  if (members.empty()) {
    return absl::InvalidArgumentError("members must not be empty");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!seen.insert(members[i].authority_id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("members[", i, "].authority_id '",
                       members[i].authority_id, "' is named twice"));
    }
    if (method != CostSharingMethod::kEqualShares && members[i].basis < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("members[", i, "].basis must not be negative"));
    }
  }
  return absl::OkStatus();
}

bool AllZero(const std::vector<MemberBasis>& members) {
  return std::all_of(members.begin(), members.end(),
                     [](const MemberBasis& m) { return m.basis == 0; });
}

// Largest-remainder split of `cost_pence` over `shares` by their bases, at
// least one of which is positive.
void SplitByLargestRemainder(int64_t cost_pence, std::vector<Share>& shares) {
  Wide total = 0;
  for (const Share& share : shares) total += share.basis;

  std::vector<Wide> remainders(shares.size());
  int64_t allotted = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    const Wide product = Wide{cost_pence} * shares[i].basis;
    shares[i].pence = static_cast<int64_t>(product / total);
    remainders[i] = product % total;
    allotted += shares[i].pence;
  }

  std::vector<size_t> order(shares.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    if (shares[a].basis != shares[b].basis) {
      return shares[a].basis > shares[b].basis;
    }
    return shares[a].authority_id < shares[b].authority_id;
  });
  // The remainders add up to total * leftover and each is below total, so
  // more than `leftover` of them are positive: no member with basis 0 (whose
  // remainder is 0) is given a penny.
  const int64_t leftover = cost_pence - allotted;
  for (int64_t k = 0; k < leftover; ++k) ++shares[order[k]].pence;
}

}  // namespace

absl::StatusOr<Apportionment> Apportion(
    int64_t cost_pence, CostSharingMethod method,
    const std::vector<MemberBasis>& members) {
  if (absl::Status status = ValidateInput(cost_pence, method, members);
      !status.ok()) {
    return status;
  }
  Apportionment result;
  result.applied = method;
  if (method == CostSharingMethod::kFixedFees && AllZero(members)) {
    return absl::InvalidArgumentError(
        "members' fees must not all be zero under FIXED_FEES");
  }
  if (method == CostSharingMethod::kProRataPlacements && AllZero(members)) {
    result.applied = CostSharingMethod::kEqualShares;
    result.fell_back_to_equal_shares = true;
  }

  result.shares.reserve(members.size());
  for (const MemberBasis& member : members) {
    const int64_t basis =
        result.applied == CostSharingMethod::kEqualShares ? 1 : member.basis;
    result.shares.push_back({member.authority_id, basis, 0});
  }
  SplitByLargestRemainder(cost_pence, result.shares);
  return result;
}

}  // namespace fhub::frameworks
