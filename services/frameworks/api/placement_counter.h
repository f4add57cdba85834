#pragma once

// Where cost sharing gets the placements each member started in a period:
// the referrals service, which records placements, counts them. A lead may
// still supply the counts with the request, and those are used instead.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"

namespace fhub::frameworks {

class PlacementCounter {
 public:
  virtual ~PlacementCounter() = default;
  // Placements started by each member (authority id -> count) in
  // [first, last] under `framework_id`; members not listed started none.
  // Fails when no count can be had (the referrals client: UNAVAILABLE).
  virtual absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last) = 0;
};

struct GrpcPlacementCounterOptions {
  std::shared_ptr<grpc::Channel> channel;
  // The "authorization" metadata of each call (ServiceTokenSource).
  std::function<absl::StatusOr<std::string>()> authorization;
  absl::Duration deadline = absl::Seconds(2);
};

// The referrals service over gRPC (ReferralService.CountPlacements, asked
// as a SERVICE). Any failure, including an answer it cannot read, is
// UNAVAILABLE naming the referrals service: the lead can retry later or
// supply the counts.
class GrpcPlacementCounter : public PlacementCounter {
 public:
  explicit GrpcPlacementCounter(GrpcPlacementCounterOptions options);

  absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      const std::string& framework_id, absl::CivilDay first,
      absl::CivilDay last) override;

 private:
  GrpcPlacementCounterOptions options_;
  std::unique_ptr<referrals::v1::ReferralService::Stub> stub_;
};

// A counter that never counts, for a frameworks service run without a
// referrals service (tests of other services, benchmarks): the lead must
// supply the counts.
class PlacementCountsFromLead : public PlacementCounter {
 public:
  absl::StatusOr<std::map<std::string, int>> PlacementsStarted(
      const std::string&, absl::CivilDay, absl::CivilDay) override {
    return absl::FailedPreconditionError(
        "placement_counts: this frameworks service cannot count placements; "
        "supply each member's placements started in the period");
  }
};

}  // namespace fhub::frameworks
