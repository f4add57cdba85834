#pragma once

// Where cost sharing gets the placements each member started in a period.
// The referrals service will answer this; until it exists the lead supplies
// the counts with the request.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace fhub::frameworks {

class PlacementCounter {
 public:
  virtual ~PlacementCounter() = default;
  // Placements started by each member (authority id -> count) in
  // [first, last] under `framework_id`.
  virtual absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last) = 0;
};

// The counter used until the referrals service exists: it always asks the
// lead to supply the counts.
class PlacementCountsFromLead : public PlacementCounter {
 public:
  absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      const std::string&, absl::CivilDay, absl::CivilDay) override {
    return absl::FailedPreconditionError(
        "placement_counts: the referrals service cannot count placements "
        "yet; supply each member's placements started in the period");
  }
};

}  // namespace fhub::frameworks
