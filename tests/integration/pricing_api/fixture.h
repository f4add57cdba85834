#pragma once

// Pricing with the frameworks service and the registry, all three in
// process over one fresh database, each on its own loopback port and
// sharing one FakeClock. Pricing asks the frameworks service about
// membership and lots, and the registry about providers, over gRPC as a
// SERVICE. Pricing keeps books in its cache (api/book_cache.h), listening
// for changes as in production.
//
// Set up: Tameside leads the ACTIVE North West 16+ framework (lots lot-1 and
// lot-2) with members sefton, wirral, halton, knowsley, liverpool and
// tameside; nottingham is an authority but no member. The registry knows
// providers bootle-house, mersey-living, pennine-support and wigan-homes,
// each with a setting "main". The clock stands at 2 December 2026 09:00 UTC.

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
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/storage/pricing_store.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/storage/registry_store.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/test_database.h"

namespace fhub::pricing {

using auth::Role;
using testing::GrpcIs;
using testing::GrpcOk;
namespace fv1 = ::fhub::frameworks::v1;
namespace rv1 = ::fhub::registry::v1;

inline constexpr char kNw[] = "frameworks/nw-16plus";

// The rates of a card, in pence.
struct Rates {
  int64_t accommodation_weekly = 85000;  // £850.00 a week
  int64_t support_hourly = 1850;         // £18.50 an hour
  int64_t waking_night_hourly = 1400;
  int64_t sleep_in_nightly = 9000;
};

class PricingApiTest : public ::testing::Test {
 protected:
  PricingApiTest();
  ~PricingApiTest() override;
  void SetUp() override;

  static absl::Time Utc(int year, int month, int day, int hour = 0) {
    return absl::FromCivil(absl::CivilSecond(year, month, day, hour, 0, 0),
                           absl::UTCTimeZone());
  }
  static common::v1::Date Day(const std::string& text);

  // --- Tokens ---------------------------------------------------------------
  std::string Token(absl::string_view organisation, std::vector<Role> roles,
                    absl::string_view subject = "tester") {
    return testing::TestToken(clock_, organisation, std::move(roles), subject);
  }
  std::string Commissioner(absl::string_view authority) {
    return Token(absl::StrCat("authorities/", authority), {Role::kCommissioner},
                 absl::StrCat("commissioner@", authority));
  }
  std::string LeadAdmin(absl::string_view authority = "tameside") {
    return Token(absl::StrCat("authorities/", authority), {Role::kLeadAdmin},
                 absl::StrCat("lead-admin@", authority));
  }
  std::string ProviderUser(absl::string_view provider) {
    return Token(absl::StrCat("providers/", provider), {Role::kProviderUser},
                 absl::StrCat("user@", provider));
  }
  std::string Service() {
    return Token("services/referrals", {Role::kService}, "fhub-referrals");
  }
  std::string HubAdmin() { return Token("services/hub", {Role::kHubAdmin}); }

  std::string NextRequestId() { return absl::StrCat("req-", ++requests_); }

  // --- Builders -------------------------------------------------------------
  static v1::RateCard Card(const Rates& rates, const std::string& from = "");
  static v1::PriceScope Scope(const std::string& authority,
                              const std::string& provider,
                              const std::string& lot_id = "lot-1",
                              const std::string& setting = "");
  // 7.5 hours of support a week.
  static v1::Package SupportPackage(int64_t minutes = 450);

  // --- Pricing calls (each with a fresh request_id unless given) -----------
  grpc::Status CreateBook(const std::string& token,
                          const std::string& authority,
                          const std::string& provider,
                          const Rates& rates = Rates(),
                          v1::PriceBook* out = nullptr,
                          const std::string& lot_id = "",
                          const std::string& start = "2026-04-01",
                          const std::string& request_id = "");
  grpc::Status Accept(const std::string& token, const std::string& book,
                      v1::PriceBook* out = nullptr);
  // A book of `authority` with `provider` (general, from 1 April 2026),
  // accepted by the provider; asserts OK at each step.
  v1::PriceBook AcceptedBook(const std::string& authority,
                             const std::string& provider,
                             const Rates& rates = Rates(),
                             const std::string& lot_id = "");
  grpc::Status AddCard(const std::string& token, const std::string& book,
                       const v1::RateCard& card, v1::RateCard* out = nullptr);
  grpc::Status Uplift(const std::string& token, const std::string& authority,
                      int basis_points, const std::string& from,
                      const std::vector<std::string>& books = {},
                      v1::ApplyUpliftResponse* out = nullptr,
                      v1::RoundingRule rounding = v1::NEAREST_PENNY);
  grpc::Status Quote(const std::string& token, const v1::PriceScope& scope,
                     const std::string& date, const v1::Package& package,
                     v1::QuoteResponse* out);
  grpc::Status CheckOffer(const std::string& token, const v1::PriceScope& scope,
                          const std::string& date, const Rates& offered,
                          v1::CheckOfferResponse* out);
  grpc::Status Benchmark(const std::string& token, const std::string& lot_id,
                         const std::string& date, v1::Benchmark* out);
  grpc::Status SetPolicy(const std::string& token, const std::string& authority,
                         bool allow_spot_prices);

  // Rows of a table in pricing's schema.
  int CountRows(const std::string& table);

  testing::ScratchDatabase db_;
  FakeClock clock_{Utc(2026, 12, 2, 9)};
  int requests_ = 0;
  std::unique_ptr<auth::TokenVerifier> verifier_;

  // Frameworks service.
  std::unique_ptr<testing::FrameworksInProcess> frameworks_service_;

  // Registry.
  std::unique_ptr<db::Pool> registry_pool_;
  registry::RegistryStore registry_store_;
  std::unique_ptr<registry::GrpcFrameworkDirectory> registry_directory_;
  std::unique_ptr<registry::RegistryServiceImpl> registry_service_;
  std::unique_ptr<Server> registry_server_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;

  // Pricing.
  std::unique_ptr<db::Pool> pool_;
  PricingStore store_;
  std::unique_ptr<FrameworksClient> frameworks_client_;
  std::unique_ptr<GrpcProviderDirectory> providers_;
  std::unique_ptr<BookCache> cache_;
  std::unique_ptr<PricingServiceImpl> service_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<v1::PricingService::Stub> stub_;
};

}  // namespace fhub::pricing
