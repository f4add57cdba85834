#pragma once

// The North West story through the services' own rpcs, for tests of the
// referrals service whether the other services run in process or as
// processes: the framework and its members (frameworks_in_process.h),
// providers registered with a setting and admitted to a lot on quality
// (registry), and accepted price books (pricing).
//
// Every step asserts nothing; it returns the first failed call's status so
// the caller can ASSERT_THAT(..., GrpcOk()) with its own context.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "common/auth/principal.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"

namespace fhub::testing {

// A bearer token for `organisation` with `roles`.
using TokenMaker = std::function<std::string(const std::string& organisation,
                                             std::vector<auth::Role> roles)>;

// Where a setting is.
struct LatLng {
  double latitude = 0;
  double longitude = 0;
};
inline constexpr LatLng kBootle{53.4466, -2.9929};
inline constexpr LatLng kLiverpool{53.4084, -2.9916};
inline constexpr LatLng kSouthport{53.6475, -3.0053};
inline constexpr LatLng kCrosby{53.4872, -3.0209};
inline constexpr LatLng kManchester{53.4808, -2.2426};

// A provider to admit: its setting "main" and what the two evaluators
// (Wirral and Sefton) score it on the two criteria (0 to 5 each, pass mark
// 50%), which makes its quality score.
struct ProviderSpec {
  std::string id;
  LatLng where = kBootle;
  int capacity = 4;
  int vacancies = 1;
  std::vector<int> wirral_scores = {4, 4};
  std::vector<int> sefton_scores = {4, 3};
};

class HubStory {
 public:
  HubStory(frameworks::v1::FrameworkService::Stub* frameworks,
           registry::v1::RegistryService::Stub* registry,
           pricing::v1::PricingService::Stub* pricing, TokenMaker token);

  std::string NextRequestId();
  std::string Token(const std::string& organisation, auth::Role role) {
    return token_(organisation, {role});
  }

  // The framework and members (SetUpNorthWest), the quality questionnaire,
  // and an ad-hoc admission round open from now for 30 days.
  grpc::Status SetUpNorthWest();
  // Registers, applies, evaluates and admits the provider to lot-1.
  grpc::Status AdmitProvider(const ProviderSpec& spec);
  // A book of `authority` with `provider` on the NW framework from
  // 2026-04-01 with these rates, accepted by the provider.
  grpc::Status AcceptedBook(const std::string& authority,
                            const std::string& provider,
                            int64_t accommodation_weekly_pence,
                            int64_t support_hourly_pence);
  // The authority's pricing policy.
  grpc::Status SetSpotPrices(const std::string& authority, bool allow);
  // `authority`'s COMMISSIONER suspends the provider for itself.
  grpc::Status SuspendForMember(const std::string& authority,
                                const std::string& provider);
  // The lead's (Tameside's) LEAD_ADMIN suspends the provider for every
  // member.
  grpc::Status SuspendFrameworkWide(const std::string& provider);

 private:
  grpc::Status Suspend(const std::string& authority, auth::Role role,
                       const std::string& provider,
                       registry::v1::SuspensionScope scope);

  frameworks::v1::FrameworkService::Stub& frameworks_;
  registry::v1::RegistryService::Stub& registry_;
  pricing::v1::PricingService::Stub& pricing_;
  TokenMaker token_;
  int requests_ = 0;
};

}  // namespace fhub::testing
