#pragma once

// Referrals with the frameworks service, the registry and pricing, all four
// in process over one fresh database, each on its own loopback port and
// sharing one FakeClock. Referrals asks the others over gRPC as a SERVICE
// and follows the registry's and the frameworks service's event streams.
//
// Set up (tests/support/hub_story.h): Tameside leads the ACTIVE North West
// 16+ framework; sefton, wirral, halton, knowsley, liverpool and tameside
// are members; nottingham is not. Four providers are admitted to lot-1
// with a setting "main" (capacity 4 unless a test says otherwise):
//   bootle-house    in Bootle     scores {5,5} {5,4}  (highest quality)
//   mersey-living   in Liverpool  scores {4,4} {4,3}
//   crosby-care     in Crosby     scores {3,3} {3,3}
//   southport-homes in Southport  scores {4,3} {3,3}
// and manchester-lodge in Manchester (over 30 miles from Bootle).
// Sefton has accepted books with the first four at 85000p a week and
// 1850p an hour. The clock stands at 30 November 2026 09:00 UTC.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/auth/token.h"
#include "common/clients/frameworks_client.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/server.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/storage/pricing_store.h"
#include "services/referrals/api/follower.h"
#include "services/referrals/api/peers.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/hub_story.h"
#include "tests/support/test_database.h"

namespace fhub::referrals {

using auth::Role;
using testing::GrpcIs;
using testing::GrpcOk;
namespace rv1 = ::fhub::registry::v1;
namespace pv1 = ::fhub::pricing::v1;

inline constexpr char kNw[] = "frameworks/nw-16plus";

class ReferralsApiTest : public ::testing::Test {
 protected:
  ReferralsApiTest();
  ~ReferralsApiTest() override;
  void SetUp() override;

  static absl::Time Utc(int year, int month, int day, int hour = 0) {
    return absl::FromCivil(absl::CivilSecond(year, month, day, hour, 0, 0),
                           absl::UTCTimeZone());
  }
  static common::v1::Date Day(const std::string& text);
  // "YYYY-MM-DD".
  static std::string DayText(const common::v1::Date& date);

  // --- Tokens ---------------------------------------------------------------
  std::string Token(absl::string_view organisation, std::vector<Role> roles) {
    return testing::TestToken(clock_, organisation, std::move(roles),
                              absl::StrCat("user@", organisation));
  }
  std::string Commissioner(absl::string_view authority = "sefton") {
    return Token(absl::StrCat("authorities/", authority),
                 {Role::kCommissioner});
  }
  std::string ProviderUser(absl::string_view provider) {
    return Token(absl::StrCat("providers/", provider), {Role::kProviderUser});
  }
  std::string Service() {
    return Token("services/frameworks", {Role::kService});
  }
  std::string NextRequestId() { return absl::StrCat("req-", ++requests_); }

  // --- Builders -------------------------------------------------------------
  // A 16-year-old in Bootle wanting 10 hours of support a week from
  // 2026-12-14 on lot-1, default distance and weights.
  static v1::Referral SampleReferral();
  static v1::OfferTerms Offer(const std::string& provider,
                              int64_t accommodation = 85000,
                              int64_t support_hourly = 1850,
                              int64_t minutes = 600,
                              const std::string& available = "2026-12-14");

  // --- Calls (each with a fresh request_id unless given) --------------------
  grpc::Status Create(const std::string& token, const v1::Referral& referral,
                      v1::Referral* out,
                      const std::string& authority = "sefton",
                      const std::string& request_id = "");
  grpc::Status Submit(const std::string& token, const std::string& name,
                      v1::Referral* out = nullptr,
                      const std::string& request_id = "");
  // Create and submit a SampleReferral (or `referral`) as Sefton; asserts.
  v1::Referral Submitted(const v1::Referral& referral = SampleReferral());
  std::string InvitationOf(const std::string& referral,
                           const std::string& provider) {
    return absl::StrCat(referral, "/invitations/", provider);
  }
  grpc::Status MakeOffer(const std::string& token,
                         const std::string& invitation,
                         const v1::OfferTerms& offer,
                         v1::Invitation* out = nullptr,
                         const std::string& request_id = "");
  grpc::Status Decline(const std::string& token, const std::string& invitation,
                       v1::DeclineReason reason, v1::Invitation* out = nullptr);
  grpc::Status Withdraw(const std::string& token, const std::string& invitation,
                        v1::Invitation* out = nullptr);
  grpc::Status Get(const std::string& token, const std::string& name,
                   v1::Referral* out);
  grpc::Status Rank(const std::string& token, const std::string& name,
                    v1::RankOffersResponse* out);
  grpc::Status Award(const std::string& token, const std::string& name,
                     const std::string& invitation, const std::string& reason,
                     v1::Placement* out = nullptr,
                     const std::string& request_id = "");
  grpc::Status Cancel(const std::string& token, const std::string& name,
                      v1::Referral* out = nullptr);
  grpc::Status GetInvitation(const std::string& token,
                             const std::string& invitation,
                             v1::Invitation* out);
  grpc::Status ListInvitations(const std::string& token,
                               const std::string& provider, bool open_only,
                               v1::ListInvitationsResponse* out);
  // Every invited provider but those in `offers` declines; those offer
  // their Offer() terms; the competition then closes on its own. Providers
  // in `offers` beyond the five of the story are asked too.
  void AnswerAll(const std::string& referral,
                 const std::vector<std::string>& offers);
  // A SampleReferral (or `referral`) submitted as Sefton, offered by
  // `provider` alone (Offer() terms) and awarded to it; asserts.
  v1::Placement Awarded(const std::string& provider,
                        const v1::Referral& referral = SampleReferral());

  // --- Placements, block contracts and figures ------------------------------
  grpc::Status GetPlacement(const std::string& token, const std::string& name,
                            v1::Placement* out);
  grpc::Status ListPlacements(const std::string& token,
                              const std::string& parent,
                              v1::ListPlacementsResponse* out);
  grpc::Status AdjustHours(const std::string& token, const std::string& name,
                           const std::string& effective_date, int64_t minutes,
                           v1::Placement* out = nullptr,
                           const std::string& request_id = "");
  grpc::Status EndPlacement(const std::string& token, const std::string& name,
                            const std::string& end_date, v1::EndReason reason,
                            v1::Placement* out = nullptr);
  grpc::Status PlacementCost(const std::string& token, const std::string& name,
                             const std::string& first_day,
                             const std::string& last_day,
                             v1::PlacementCost* out);
  grpc::Status CreateBlock(const std::string& token,
                           const v1::BlockContract& contract,
                           v1::BlockContract* out,
                           const std::string& authority = "sefton");
  // Into `setting` of `block`; `start_date` empty for the default.
  grpc::Status PlaceInBlock(const std::string& token,
                            const std::string& referral,
                            const std::string& block,
                            const std::string& setting,
                            const std::string& start_date,
                            v1::Placement* out = nullptr);
  grpc::Status Occupancy(const std::string& token, const std::string& block,
                         const std::string& first_day,
                         const std::string& last_day, v1::BlockOccupancy* out);
  // `authority` empty for the consortium's figures.
  grpc::Status Figures(const std::string& token, const std::string& authority,
                       const std::string& first_day,
                       const std::string& last_day, v1::Figures* out);

  // Rows of a table in the referrals schema (optionally only those
  // matching the SQL condition `where`).
  int CountRows(const std::string& table);
  int CountRows(const std::string& table, const std::string& where);

  testing::ScratchDatabase db_;
  FakeClock clock_{Utc(2026, 11, 30, 9)};
  int requests_ = 0;
  std::unique_ptr<auth::TokenVerifier> verifier_;
  std::function<absl::StatusOr<std::string>()> ServiceToken(
      const char* organisation);

  std::unique_ptr<testing::FrameworksInProcess> frameworks_service_;

  std::unique_ptr<db::Pool> registry_pool_;
  registry::RegistryStore registry_store_;
  std::unique_ptr<registry::GrpcFrameworkDirectory> registry_directory_;
  std::unique_ptr<registry::RegistryServiceImpl> registry_service_;
  std::unique_ptr<Server> registry_server_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;

  std::unique_ptr<db::Pool> pricing_pool_;
  pricing::PricingStore pricing_store_;
  std::unique_ptr<FrameworksClient> pricing_frameworks_;
  std::unique_ptr<pricing::GrpcProviderDirectory> pricing_providers_;
  std::unique_ptr<pricing::PricingServiceImpl> pricing_service_;
  std::unique_ptr<Server> pricing_server_;
  std::unique_ptr<pv1::PricingService::Stub> pricing_;

  std::unique_ptr<db::Pool> pool_;
  ReferralsStore store_;
  std::unique_ptr<FrameworksClient> frameworks_client_;
  std::unique_ptr<GrpcRegistry> registry_client_;
  std::unique_ptr<GrpcPricing> pricing_client_;
  std::unique_ptr<ReferralsServiceImpl> service_;
  std::unique_ptr<ReferralsFollower> follower_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::ReferralService::Stub> stub_;

  std::unique_ptr<testing::HubStory> story_;
};

}  // namespace fhub::referrals
