// The hub's services as separate processes. First pricing with its peers:
// fhub-frameworks, fhub-registry and fhub-pricing as separate processes
// over one private PostgreSQL cluster, each logging in with its own role
// and calling the others with the SERVICE tokens it signs itself: a price
// book is created (pricing asks the frameworks service about membership and
// the registry about the provider), accepted and quoted, and a new card
// reaches the next quote through the book cache's notifications; then each
// process stops cleanly on SIGTERM. Then the Sefton story across all four,
// referrals included.

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "common/proto_values.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/referrals/v1/referrals.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/child_process.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/hub_story.h"

namespace fhub {
namespace {

using testing::GrpcIs;
using testing::GrpcOk;
namespace rv1 = ::fhub::registry::v1;

TEST_F(HubProcessesTest, PricingWorksWithItsPeersAsSeparateProcesses) {
  StartCluster();
  Start("frameworks", "fhub.frameworks.v1.FrameworkService");
  Start("registry", "fhub.registry.v1.RegistryService");
  Start("pricing", "fhub.pricing.v1.PricingService");
  for (const char* name : {"frameworks", "registry", "pricing"}) {
    ASSERT_TRUE(WaitServing(name)) << processes_[name].child->Output();
  }

  auto frameworks =
      frameworks::v1::FrameworkService::NewStub(Channel("frameworks"));
  const std::string hub = Token("services/hub", {Role::kHubAdmin});
  ASSERT_THAT(
      testing::SetUpNorthWest(*frameworks, hub,
                              Token("authorities/tameside", {Role::kLeadAdmin}),
                              [this] { return NextRequestId(); }),
      GrpcOk());

  auto registry = rv1::RegistryService::NewStub(Channel("registry"));
  rv1::CreateProviderRequest provider;
  provider.set_provider_id("bootle-house");
  provider.mutable_provider()->set_legal_name("Bootle House Ltd");
  provider.mutable_provider()->set_kind(rv1::COMPANY);
  provider.mutable_provider()->set_company_number("01234567");
  auto* contact = provider.mutable_provider()->add_contacts();
  contact->set_full_name("Registered Manager");
  contact->set_email("manager@bootle-house.example");
  provider.mutable_provider()->mutable_address()->add_lines("1 Office Row");
  provider.mutable_provider()->mutable_address()->set_town("Bootle");
  provider.mutable_provider()->mutable_address()->set_postcode("L20 3NJ");
  provider.set_request_id(NextRequestId());
  rv1::Provider created_provider;
  ASSERT_THAT(registry->CreateProvider(testing::CallContext(hub).get(),
                                       provider, &created_provider),
              GrpcOk());

  // Pricing asks the frameworks service and the registry, over the network,
  // as the SERVICE it signs itself.
  auto pricing = pv1::PricingService::NewStub(Channel("pricing"));
  const std::string sefton = Token("authorities/sefton", {Role::kCommissioner});
  pv1::CreatePriceBookRequest create;
  create.mutable_price_book()->set_authority("authorities/sefton");
  create.mutable_price_book()->set_provider("providers/bootle-house");
  create.mutable_price_book()->set_framework("frameworks/nw-16plus");
  ParseDate("2026-04-01", create.mutable_price_book()->mutable_start_date());
  create.mutable_first_card()->set_accommodation_weekly_pence(85000);
  create.mutable_first_card()->set_support_hourly_pence(1850);
  create.set_request_id(NextRequestId());
  pv1::PriceBook book;
  ASSERT_THAT(pricing->CreatePriceBook(testing::CallContext(sefton).get(),
                                       create, &book),
              GrpcOk())
      << processes_["pricing"].child->Output();
  create.mutable_price_book()->set_provider("providers/nobody");
  create.set_request_id(NextRequestId());
  EXPECT_THAT(pricing->CreatePriceBook(testing::CallContext(sefton).get(),
                                       create, &book),
              GrpcIs(grpc::StatusCode::NOT_FOUND, "price_book.provider"));

  pv1::AcceptPriceBookRequest accept;
  accept.set_name("priceBooks/1");
  accept.set_request_id(NextRequestId());
  ASSERT_THAT(pricing->AcceptPriceBook(
                  testing::CallContext(
                      Token("providers/bootle-house", {Role::kProviderUser}))
                      .get(),
                  accept, &book),
              GrpcOk());

  const std::string service = Token("services/referrals", {Role::kService});
  const absl::CivilDay today = clock_.Today();
  const absl::CivilDay next_month = today + 30;
  pv1::QuoteResponse quote;
  ASSERT_THAT(pricing->Quote(testing::CallContext(service).get(),
                             QuoteFor("sefton", next_month), &quote),
              GrpcOk());
  EXPECT_EQ(quote.weekly_total_pence(), 98875);

  // A card from next month reaches the next quote.
  pv1::AddRateCardRequest add;
  add.set_parent("priceBooks/1");
  ToProto(today + 10, add.mutable_rate_card()->mutable_effective_from());
  add.mutable_rate_card()->set_accommodation_weekly_pence(90000);
  add.mutable_rate_card()->set_support_hourly_pence(1850);
  add.set_request_id(NextRequestId());
  pv1::RateCard card;
  ASSERT_THAT(
      pricing->AddRateCard(testing::CallContext(sefton).get(), add, &card),
      GrpcOk());
  ASSERT_THAT(pricing->Quote(testing::CallContext(service).get(),
                             QuoteFor("sefton", next_month), &quote),
              GrpcOk());
  EXPECT_EQ(quote.weekly_total_pence(), 103875);

  // Wirral sees none of it.
  EXPECT_THAT(pricing->Quote(testing::CallContext(Token("authorities/wirral",
                                                        {Role::kCommissioner}))
                                 .get(),
                             QuoteFor("sefton", next_month), &quote),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));

  for (const char* name : {"pricing", "registry", "frameworks"}) {
    processes_[name].child->Signal(SIGTERM);
    EXPECT_EQ(processes_[name].child->Wait(absl::Seconds(10)), 0)
        << processes_[name].child->Output();
  }
}

// Sefton refers a 16-year-old to the NW 16+ framework; four providers are
// invited, two offer, one declines, one is suspended by Sefton mid-
// competition and loses its invitation (referrals follows the registry's
// events); Sefton awards the best; the placement's hours drop from 10 to 6
// a week after two months; the cost over three months is exact; Wirral sees
// none of it; the frameworks service shares the lead's cost by the
// placements referrals counts.
TEST_F(HubProcessesTest, TheSeftonStoryRunsAcrossTheFourServices) {
  namespace fv1 = ::fhub::frameworks::v1;
  namespace v1 = ::fhub::referrals::v1;
  StartCluster();
  Start("frameworks", "fhub.frameworks.v1.FrameworkService");
  Start("registry", "fhub.registry.v1.RegistryService");
  Start("pricing", "fhub.pricing.v1.PricingService");
  Start("referrals", "fhub.referrals.v1.ReferralService");
  for (const char* name : {"frameworks", "registry", "pricing", "referrals"}) {
    ASSERT_TRUE(WaitServing(name)) << processes_[name].child->Output();
  }
  auto frameworks = fv1::FrameworkService::NewStub(Channel("frameworks"));
  auto registry = rv1::RegistryService::NewStub(Channel("registry"));
  auto pricing = pv1::PricingService::NewStub(Channel("pricing"));
  auto referrals = v1::ReferralService::NewStub(Channel("referrals"));
  testing::HubStory story(
      frameworks.get(), registry.get(), pricing.get(),
      [this](const std::string& organisation, std::vector<Role> roles) {
        return testing::TestToken(clock_, organisation, std::move(roles),
                                  absl::StrCat("user@", organisation));
      });
  ASSERT_THAT(story.SetUpNorthWest(), GrpcOk());
  for (const testing::ProviderSpec& p : std::vector<testing::ProviderSpec>{
           {"bootle-house", testing::kBootle, 4, 1, {5, 5}, {5, 4}},
           {"mersey-living", testing::kLiverpool, 4, 1, {4, 4}, {4, 3}},
           {"crosby-care", testing::kCrosby, 4, 1, {3, 3}, {3, 3}},
           {"southport-homes", testing::kSouthport, 4, 1, {4, 3}, {3, 3}},
           {"manchester-lodge", testing::kManchester, 4, 1, {4, 4}, {4, 4}}}) {
    ASSERT_THAT(story.AdmitProvider(p), GrpcOk()) << p.id;
    if (p.id != "manchester-lodge") {
      ASSERT_THAT(story.AcceptedBook("sefton", p.id, 85000, 1850), GrpcOk());
    }
  }

  const std::string sefton = Token("authorities/sefton", {Role::kCommissioner});
  const std::string wirral = Token("authorities/wirral", {Role::kCommissioner});
  auto provider = [this](const std::string& id) {
    return Token(absl::StrCat("providers/", id), {Role::kProviderUser});
  };
  const absl::CivilDay start = clock_.Today() + 14;

  v1::CreateReferralRequest create;
  create.set_parent("authorities/sefton");
  v1::Referral* r = create.mutable_referral();
  r->set_framework("frameworks/nw-16plus");
  r->set_lot_id("lot-1");
  r->set_case_reference("SEF-2026-0042");
  r->set_age(16);
  r->add_needs(v1::GOING_MISSING);
  r->set_support_minutes_per_week(600);
  r->set_accommodation_type(v1::SHARED_HOUSE);
  r->mutable_home_location()->set_latitude(testing::kBootle.latitude);
  r->mutable_home_location()->set_longitude(testing::kBootle.longitude);
  ToProto(start, r->mutable_wanted_start_date());
  r->set_confidential_summary("Known to the youth offending team.");
  create.set_request_id(NextRequestId());
  v1::Referral referral;
  ASSERT_THAT(referrals->CreateReferral(testing::CallContext(sefton).get(),
                                        create, &referral),
              GrpcOk())
      << processes_["referrals"].child->Output();
  v1::SubmitReferralRequest submit;
  submit.set_name(referral.name());
  submit.set_request_id(NextRequestId());
  ASSERT_THAT(referrals->SubmitReferral(testing::CallContext(sefton).get(),
                                        submit, &referral),
              GrpcOk())
      << processes_["referrals"].child->Output()
      << processes_["registry"].child->Output();
  EXPECT_EQ(referral.status(), v1::OPEN);
  EXPECT_EQ(referral.invitation_count(), 4);
  auto invitation = [&](const std::string& id) {
    return absl::StrCat(referral.name(), "/invitations/", id);
  };

  auto offer = [&](const std::string& id) {
    v1::MakeOfferRequest request;
    request.set_name(invitation(id));
    v1::OfferTerms* o = request.mutable_offer();
    o->set_setting(absl::StrCat("providers/", id, "/settings/main"));
    ToProto(start, o->mutable_available_date());
    o->set_accommodation_weekly_pence(id == "bootle-house" ? 85000 : 82000);
    o->set_support_hourly_pence(1850);
    o->set_support_minutes_per_week(600);
    request.set_request_id(NextRequestId());
    v1::Invitation out;
    return referrals->MakeOffer(testing::CallContext(provider(id)).get(),
                                request, &out);
  };
  ASSERT_THAT(offer("bootle-house"), GrpcOk());
  ASSERT_THAT(offer("mersey-living"), GrpcOk());
  v1::DeclineInvitationRequest decline;
  decline.set_name(invitation("crosby-care"));
  decline.set_reason(v1::NO_VACANCY);
  decline.set_request_id(NextRequestId());
  v1::Invitation declined;
  ASSERT_THAT(referrals->DeclineInvitation(
                  testing::CallContext(provider("crosby-care")).get(), decline,
                  &declined),
              GrpcOk());

  // Sefton suspends Southport Homes in the registry; referrals hears of it
  // on the registry's event stream and withdraws its invitation, which
  // leaves no one waiting: the competition closes.
  ASSERT_THAT(story.SuspendForMember("sefton", "southport-homes"), GrpcOk());
  v1::Invitation revoked;
  v1::GetInvitationRequest get_invitation;
  get_invitation.set_name(invitation("southport-homes"));
  for (int i = 0; i < 200; ++i) {
    ASSERT_THAT(referrals->GetInvitation(
                    testing::CallContext(provider("southport-homes")).get(),
                    get_invitation, &revoked),
                GrpcOk());
    if (revoked.status() == v1::REVOKED) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_EQ(revoked.status(), v1::REVOKED)
      << processes_["referrals"].child->Output();

  v1::RankOffersRequest rank;
  rank.set_name(referral.name());
  v1::RankOffersResponse ranked;
  ASSERT_THAT(
      referrals->RankOffers(testing::CallContext(sefton).get(), rank, &ranked),
      GrpcOk());
  ASSERT_EQ(ranked.offers_size(), 2);
  EXPECT_EQ(ranked.offers(0).provider(), "providers/bootle-house");

  v1::AwardReferralRequest award;
  award.set_name(referral.name());
  award.set_invitation(ranked.offers(0).invitation());
  award.set_request_id(NextRequestId());
  v1::Placement placement;
  ASSERT_THAT(referrals->AwardReferral(testing::CallContext(sefton).get(),
                                       award, &placement),
              GrpcOk());
  EXPECT_EQ(placement.case_reference(), "SEF-2026-0042");

  // Two months in, the hours drop from 10 to 6 a week.
  const absl::CivilDay drop(start.year(), start.month() + 2, start.day());
  v1::AdjustSupportHoursRequest adjust;
  adjust.set_name(placement.name());
  ToProto(drop, adjust.mutable_change()->mutable_effective_date());
  adjust.mutable_change()->set_support_minutes_per_week(360);
  adjust.set_request_id(NextRequestId());
  ASSERT_THAT(referrals->AdjustSupportHours(testing::CallContext(sefton).get(),
                                            adjust, &placement),
              GrpcOk());

  // Three months: days at 10 hours (85000 + 18500 = 103500p a week) and at
  // 6 hours (85000 + 11100 = 96100p a week), each segment rounded to the
  // penny, halves up.
  const absl::CivilDay last =
      absl::CivilDay(start.year(), start.month() + 3, start.day()) - 1;
  const int64_t days_at_10 = drop - start;
  const int64_t days_at_6 = last - drop + 1;
  const int64_t expected =
      (2 * 103500 * days_at_10 + 7) / 14 + (2 * 96100 * days_at_6 + 7) / 14;
  v1::GetPlacementCostRequest cost_request;
  cost_request.set_name(placement.name());
  ToProto(start, cost_request.mutable_first_day());
  ToProto(last, cost_request.mutable_last_day());
  v1::PlacementCost cost;
  ASSERT_THAT(referrals->GetPlacementCost(testing::CallContext(sefton).get(),
                                          cost_request, &cost),
              GrpcOk());
  ASSERT_EQ(cost.segments_size(), 2);
  EXPECT_EQ(cost.segments(0).days(), days_at_10);
  EXPECT_EQ(cost.segments(0).weekly_pence(), 103500);
  EXPECT_EQ(cost.segments(1).days(), days_at_6);
  EXPECT_EQ(cost.segments(1).weekly_pence(), 96100);
  EXPECT_EQ(cost.total_pence(), expected);

  // Wirral sees none of it.
  v1::GetReferralRequest get;
  get.set_name(referral.name());
  v1::Referral seen;
  EXPECT_THAT(
      referrals->GetReferral(testing::CallContext(wirral).get(), get, &seen),
      GrpcIs(grpc::StatusCode::NOT_FOUND));
  v1::GetPlacementRequest get_placement;
  get_placement.set_name(placement.name());
  v1::Placement other;
  EXPECT_THAT(referrals->GetPlacement(testing::CallContext(wirral).get(),
                                      get_placement, &other),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(referrals->GetPlacementCost(testing::CallContext(wirral).get(),
                                          cost_request, &cost),
              GrpcIs(grpc::StatusCode::NOT_FOUND));
  v1::ListReferralsRequest list;
  list.set_parent("authorities/sefton");
  v1::ListReferralsResponse listed;
  EXPECT_THAT(referrals->ListReferrals(testing::CallContext(wirral).get(), list,
                                       &listed),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));

  // The lead's cost is shared by the placements referrals counts: Sefton
  // made the only one.
  fv1::IssueCostShareStatementRequest statement;
  statement.set_parent("frameworks/nw-16plus");
  ToProto(clock_.Today(), statement.mutable_period_start_date());
  ToProto(clock_.Today() + 60, statement.mutable_period_end_date());
  statement.set_cost_pence(1200000);
  statement.set_request_id(NextRequestId());
  fv1::CostShareStatement issued;
  ASSERT_THAT(frameworks->IssueCostShareStatement(
                  testing::CallContext(
                      Token("authorities/tameside", {Role::kLeadAdmin}))
                      .get(),
                  statement, &issued),
              GrpcOk())
      << processes_["frameworks"].child->Output();
  EXPECT_EQ(issued.placement_count_source(), fv1::REFERRALS_SERVICE);
  for (const fv1::CostShare& share : issued.shares()) {
    EXPECT_EQ(share.amount_pence(),
              share.authority() == "authorities/sefton" ? 1200000 : 0)
        << share.authority();
  }

  for (const char* name : {"referrals", "pricing", "registry", "frameworks"}) {
    processes_[name].child->Signal(SIGTERM);
    EXPECT_EQ(processes_[name].child->Wait(absl::Seconds(10)), 0)
        << processes_[name].child->Output();
  }
}

}  // namespace
}  // namespace fhub
