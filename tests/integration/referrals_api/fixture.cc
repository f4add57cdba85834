#include "tests/integration/referrals_api/fixture.h"

#include <algorithm>
#include <pqxx/pqxx>

#include "absl/strings/str_format.h"
#include "common/proto_values.h"
#include "services/frameworks/migrations.h"
#include "services/pricing/migrations.h"
#include "services/referrals/migrations.h"
#include "services/registry/migrations.h"

namespace fhub::referrals {

#define FHUB_ID(request_id) \
  ((request_id).empty() ? NextRequestId() : (request_id))

std::function<absl::StatusOr<std::string>()> ReferralsApiTest::ServiceToken(
    const char* organisation) {
  return [this, organisation]() -> absl::StatusOr<std::string> {
    return absl::StrCat(
        "Bearer ", testing::TestToken(clock_, organisation, {Role::kService},
                                      organisation));
  };
}

ReferralsApiTest::ReferralsApiTest() {
  db_.Migrate("frameworks", "frameworks", frameworks::Migrations());
  db_.Migrate("registry", "registry", registry::Migrations());
  db_.Migrate("pricing", "pricing", pricing::Migrations());
  db_.Migrate("referrals", "referrals", Migrations());
  verifier_ = std::make_unique<auth::TokenVerifier>(testing::TestTokenOptions(),
                                                    &clock_);
  frameworks_service_ = std::make_unique<testing::FrameworksInProcess>(
      db_.dsn(), verifier_.get(), &clock_);
  auto frameworks_channel = frameworks_service_->channel();

  // The registry.
  registry_pool_ = testing::TestPool(db_.dsn(), "registry, public",
                                     registry::RegistryStore::Statements());
  registry::GrpcFrameworkDirectoryOptions directory_options;
  directory_options.channel = frameworks_channel;
  directory_options.authorization = ServiceToken("services/registry");
  directory_options.cache_ttl = absl::ZeroDuration();
  registry_directory_ = std::make_unique<registry::GrpcFrameworkDirectory>(
      directory_options, &clock_);
  registry_service_ = std::make_unique<registry::RegistryServiceImpl>(
      registry_pool_.get(), &registry_store_, registry_directory_.get(),
      verifier_.get(), &clock_);
  registry_server_ = testing::StartLoopbackServer(registry_service_.get());
  auto registry_channel = testing::LoopbackChannel(*registry_server_);
  registry_ = rv1::RegistryService::NewStub(registry_channel);

  // Pricing (no cache: every check reads the database).
  pricing_pool_ = testing::TestPool(db_.dsn(), "pricing",
                                    pricing::PricingStore::Statements());
  FrameworksClientOptions pricing_frameworks;
  pricing_frameworks.channel = frameworks_channel;
  pricing_frameworks.authorization = ServiceToken("services/pricing");
  pricing_frameworks.cache_ttl = absl::ZeroDuration();
  pricing_frameworks_ =
      std::make_unique<FrameworksClient>(pricing_frameworks, &clock_);
  pricing::GrpcProviderDirectoryOptions providers;
  providers.channel = registry_channel;
  providers.authorization = ServiceToken("services/pricing");
  pricing_providers_ =
      std::make_unique<pricing::GrpcProviderDirectory>(providers);
  pricing_service_ = std::make_unique<pricing::PricingServiceImpl>(
      pricing_pool_.get(), &pricing_store_, pricing_frameworks_.get(),
      pricing_providers_.get(), verifier_.get(), &clock_);
  pricing_server_ = testing::StartLoopbackServer(pricing_service_.get());
  auto pricing_channel = testing::LoopbackChannel(*pricing_server_);
  pricing_ = pv1::PricingService::NewStub(pricing_channel);

  // Referrals.
  pool_ =
      testing::TestPool(db_.dsn(), "referrals", ReferralsStore::Statements());
  FrameworksClientOptions frameworks_options;
  frameworks_options.channel = frameworks_channel;
  frameworks_options.authorization = ServiceToken("services/referrals");
  frameworks_options.cache_ttl = absl::ZeroDuration();
  frameworks_client_ =
      std::make_unique<FrameworksClient>(frameworks_options, &clock_);
  registry_client_ = std::make_unique<GrpcRegistry>(
      PeerOptions{registry_channel, ServiceToken("services/referrals")});
  pricing_client_ = std::make_unique<GrpcPricing>(
      PeerOptions{pricing_channel, ServiceToken("services/referrals")});
  service_ = std::make_unique<ReferralsServiceImpl>(
      pool_.get(), &store_, frameworks_client_.get(), registry_client_.get(),
      pricing_client_.get(), verifier_.get(), &clock_);
  FollowerOptions follower_options;
  follower_options.registry = {registry_channel,
                               ServiceToken("services/referrals")};
  follower_options.frameworks = {frameworks_channel,
                                 ServiceToken("services/referrals")};
  follower_options.retry = absl::Milliseconds(100);
  follower_ = std::make_unique<ReferralsFollower>(
      pool_.get(), &store_, service_.get(), follower_options);
  server_ = testing::StartLoopbackServer(service_.get());
  stub_ = v1::ReferralService::NewStub(testing::LoopbackChannel(*server_));

  story_ = std::make_unique<testing::HubStory>(
      &frameworks_service_->stub(), registry_.get(), pricing_.get(),
      [this](const std::string& organisation, std::vector<Role> roles) {
        return Token(organisation, std::move(roles));
      });
}

ReferralsApiTest::~ReferralsApiTest() {
  if (follower_) follower_->Stop();
  if (server_) server_->Shutdown();
  if (pricing_server_) pricing_server_->Shutdown();
  if (registry_server_) registry_server_->Shutdown();
  pool_.reset();
  pricing_pool_.reset();
  registry_pool_.reset();
  frameworks_service_.reset();
}

void ReferralsApiTest::SetUp() {
  ASSERT_THAT(story_->SetUpNorthWest(), GrpcOk());
  const std::vector<testing::ProviderSpec> providers = {
      {"bootle-house", testing::kBootle, 4, 1, {5, 5}, {5, 4}},
      {"mersey-living", testing::kLiverpool, 4, 1, {4, 4}, {4, 3}},
      {"crosby-care", testing::kCrosby, 4, 1, {3, 3}, {3, 3}},
      {"southport-homes", testing::kSouthport, 4, 1, {4, 3}, {3, 3}},
      {"manchester-lodge", testing::kManchester, 4, 1, {4, 4}, {4, 4}},
  };
  for (const testing::ProviderSpec& p : providers) {
    ASSERT_THAT(story_->AdmitProvider(p), GrpcOk()) << p.id;
  }
  for (const char* p :
       {"bootle-house", "mersey-living", "crosby-care", "southport-homes"}) {
    ASSERT_THAT(story_->AcceptedBook("sefton", p, 85000, 1850), GrpcOk()) << p;
  }
  follower_->Start();
}

common::v1::Date ReferralsApiTest::Day(const std::string& text) {
  common::v1::Date date;
  EXPECT_TRUE(ParseDate(text, &date)) << text;
  return date;
}

std::string ReferralsApiTest::DayText(const common::v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

v1::Referral ReferralsApiTest::SampleReferral() {
  v1::Referral r;
  r.set_framework(kNw);
  r.set_lot_id("lot-1");
  r.set_case_reference("SEF-2026-0042");
  r.set_age(16);
  r.add_needs(v1::GOING_MISSING);
  r.add_needs(v1::MENTAL_HEALTH);
  r.set_support_minutes_per_week(600);
  r.set_accommodation_type(v1::SHARED_HOUSE);
  r.mutable_home_location()->set_latitude(testing::kBootle.latitude);
  r.mutable_home_location()->set_longitude(testing::kBootle.longitude);
  *r.mutable_wanted_start_date() = Day("2026-12-14");
  r.set_confidential_summary("Known to the youth offending team; ...");
  return r;
}

v1::OfferTerms ReferralsApiTest::Offer(const std::string& provider,
                                       int64_t accommodation,
                                       int64_t support_hourly, int64_t minutes,
                                       const std::string& available) {
  v1::OfferTerms o;
  o.set_setting(absl::StrCat("providers/", provider, "/settings/main"));
  *o.mutable_available_date() = Day(available);
  o.set_accommodation_weekly_pence(accommodation);
  o.set_support_hourly_pence(support_hourly);
  o.set_support_minutes_per_week(minutes);
  o.set_notes("A room on the ground floor.");
  return o;
}

grpc::Status ReferralsApiTest::Create(const std::string& token,
                                      const v1::Referral& referral,
                                      v1::Referral* out,
                                      const std::string& authority,
                                      const std::string& request_id) {
  v1::CreateReferralRequest request;
  request.set_parent(absl::StrCat("authorities/", authority));
  *request.mutable_referral() = referral;
  request.set_request_id(FHUB_ID(request_id));
  v1::Referral response;
  return stub_->CreateReferral(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Submit(const std::string& token,
                                      const std::string& name,
                                      v1::Referral* out,
                                      const std::string& request_id) {
  v1::SubmitReferralRequest request;
  request.set_name(name);
  request.set_request_id(FHUB_ID(request_id));
  v1::Referral response;
  return stub_->SubmitReferral(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
}

v1::Referral ReferralsApiTest::Submitted(const v1::Referral& referral) {
  v1::Referral created;
  EXPECT_THAT(Create(Commissioner(), referral, &created), GrpcOk());
  v1::Referral submitted;
  EXPECT_THAT(Submit(Commissioner(), created.name(), &submitted), GrpcOk());
  return submitted;
}

grpc::Status ReferralsApiTest::MakeOffer(const std::string& token,
                                         const std::string& invitation,
                                         const v1::OfferTerms& offer,
                                         v1::Invitation* out,
                                         const std::string& request_id) {
  v1::MakeOfferRequest request;
  request.set_name(invitation);
  *request.mutable_offer() = offer;
  request.set_request_id(FHUB_ID(request_id));
  v1::Invitation response;
  return stub_->MakeOffer(testing::CallContext(token).get(), request,
                          out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Decline(const std::string& token,
                                       const std::string& invitation,
                                       v1::DeclineReason reason,
                                       v1::Invitation* out) {
  v1::DeclineInvitationRequest request;
  request.set_name(invitation);
  request.set_reason(reason);
  if (reason == v1::OTHER) request.set_note("Not this time.");
  request.set_request_id(NextRequestId());
  v1::Invitation response;
  return stub_->DeclineInvitation(testing::CallContext(token).get(), request,
                                  out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Withdraw(const std::string& token,
                                        const std::string& invitation,
                                        v1::Invitation* out) {
  v1::WithdrawOfferRequest request;
  request.set_name(invitation);
  request.set_request_id(NextRequestId());
  v1::Invitation response;
  return stub_->WithdrawOffer(testing::CallContext(token).get(), request,
                              out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Get(const std::string& token,
                                   const std::string& name, v1::Referral* out) {
  v1::GetReferralRequest request;
  request.set_name(name);
  return stub_->GetReferral(testing::CallContext(token).get(), request, out);
}

grpc::Status ReferralsApiTest::Rank(const std::string& token,
                                    const std::string& name,
                                    v1::RankOffersResponse* out) {
  v1::RankOffersRequest request;
  request.set_name(name);
  return stub_->RankOffers(testing::CallContext(token).get(), request, out);
}

grpc::Status ReferralsApiTest::Award(const std::string& token,
                                     const std::string& name,
                                     const std::string& invitation,
                                     const std::string& reason,
                                     v1::Placement* out,
                                     const std::string& request_id) {
  v1::AwardReferralRequest request;
  request.set_name(name);
  request.set_invitation(invitation);
  request.set_reason(reason);
  request.set_request_id(FHUB_ID(request_id));
  v1::Placement response;
  return stub_->AwardReferral(testing::CallContext(token).get(), request,
                              out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Cancel(const std::string& token,
                                      const std::string& name,
                                      v1::Referral* out) {
  v1::CancelReferralRequest request;
  request.set_name(name);
  request.set_reason("The young person returned home.");
  request.set_request_id(NextRequestId());
  v1::Referral response;
  return stub_->CancelReferral(testing::CallContext(token).get(), request,
                               out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::GetInvitation(const std::string& token,
                                             const std::string& invitation,
                                             v1::Invitation* out) {
  v1::GetInvitationRequest request;
  request.set_name(invitation);
  return stub_->GetInvitation(testing::CallContext(token).get(), request, out);
}

grpc::Status ReferralsApiTest::ListInvitations(
    const std::string& token, const std::string& provider, bool open_only,
    v1::ListInvitationsResponse* out) {
  v1::ListInvitationsRequest request;
  request.set_parent(absl::StrCat("providers/", provider));
  request.set_open_only(open_only);
  return stub_->ListInvitations(testing::CallContext(token).get(), request,
                                out);
}

void ReferralsApiTest::AnswerAll(const std::string& referral,
                                 const std::vector<std::string>& offers) {
  v1::Referral current;
  ASSERT_THAT(Get(Commissioner(), referral, &current), GrpcOk());
  // Those offering (any provider, not only the story's five) answer first.
  std::vector<std::string> providers = offers;
  for (const char* p : {"bootle-house", "mersey-living", "crosby-care",
                        "southport-homes", "manchester-lodge"}) {
    if (std::find(offers.begin(), offers.end(), p) == offers.end()) {
      providers.push_back(p);
    }
  }
  for (const std::string& provider : providers) {
    v1::Invitation invitation;
    if (!GetInvitation(ProviderUser(provider), InvitationOf(referral, provider),
                       &invitation)
             .ok()) {
      continue;  // Not invited.
    }
    if (invitation.status() != v1::INVITED) continue;
    if (std::find(offers.begin(), offers.end(), provider) != offers.end()) {
      ASSERT_THAT(MakeOffer(ProviderUser(provider),
                            InvitationOf(referral, provider), Offer(provider)),
                  GrpcOk())
          << provider;
    } else {
      ASSERT_THAT(Decline(ProviderUser(provider),
                          InvitationOf(referral, provider), v1::NO_VACANCY),
                  GrpcOk())
          << provider;
    }
  }
}

v1::Placement ReferralsApiTest::Awarded(const std::string& provider,
                                        const v1::Referral& referral) {
  const v1::Referral submitted = Submitted(referral);
  AnswerAll(submitted.name(), {provider});
  v1::Placement placement;
  EXPECT_THAT(Award(Commissioner(), submitted.name(),
                    InvitationOf(submitted.name(), provider), "", &placement),
              GrpcOk())
      << provider;
  return placement;
}

grpc::Status ReferralsApiTest::GetPlacement(const std::string& token,
                                            const std::string& name,
                                            v1::Placement* out) {
  v1::GetPlacementRequest request;
  request.set_name(name);
  return stub_->GetPlacement(testing::CallContext(token).get(), request, out);
}

grpc::Status ReferralsApiTest::ListPlacements(const std::string& token,
                                              const std::string& parent,
                                              v1::ListPlacementsResponse* out) {
  v1::ListPlacementsRequest request;
  request.set_parent(parent);
  return stub_->ListPlacements(testing::CallContext(token).get(), request, out);
}

grpc::Status ReferralsApiTest::AdjustHours(const std::string& token,
                                           const std::string& name,
                                           const std::string& effective_date,
                                           int64_t minutes, v1::Placement* out,
                                           const std::string& request_id) {
  v1::AdjustSupportHoursRequest request;
  request.set_name(name);
  *request.mutable_change()->mutable_effective_date() = Day(effective_date);
  request.mutable_change()->set_support_minutes_per_week(minutes);
  request.set_request_id(FHUB_ID(request_id));
  v1::Placement response;
  return stub_->AdjustSupportHours(testing::CallContext(token).get(), request,
                                   out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::EndPlacement(const std::string& token,
                                            const std::string& name,
                                            const std::string& end_date,
                                            v1::EndReason reason,
                                            v1::Placement* out) {
  v1::EndPlacementRequest request;
  request.set_name(name);
  *request.mutable_end_date() = Day(end_date);
  request.set_reason(reason);
  request.set_note("Planned move.");
  request.set_request_id(NextRequestId());
  v1::Placement response;
  return stub_->EndPlacement(testing::CallContext(token).get(), request,
                             out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::PlacementCost(const std::string& token,
                                             const std::string& name,
                                             const std::string& first_day,
                                             const std::string& last_day,
                                             v1::PlacementCost* out) {
  v1::GetPlacementCostRequest request;
  request.set_name(name);
  *request.mutable_first_day() = Day(first_day);
  *request.mutable_last_day() = Day(last_day);
  return stub_->GetPlacementCost(testing::CallContext(token).get(), request,
                                 out);
}

grpc::Status ReferralsApiTest::CreateBlock(const std::string& token,
                                           const v1::BlockContract& contract,
                                           v1::BlockContract* out,
                                           const std::string& authority) {
  v1::CreateBlockContractRequest request;
  request.set_parent(absl::StrCat("authorities/", authority));
  *request.mutable_block_contract() = contract;
  request.set_request_id(NextRequestId());
  v1::BlockContract response;
  return stub_->CreateBlockContract(testing::CallContext(token).get(), request,
                                    out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::PlaceInBlock(const std::string& token,
                                            const std::string& referral,
                                            const std::string& block,
                                            const std::string& setting,
                                            const std::string& start_date,
                                            v1::Placement* out) {
  v1::PlaceInBlockRequest request;
  request.set_name(referral);
  request.set_block_contract(block);
  request.set_setting(setting);
  if (!start_date.empty()) *request.mutable_start_date() = Day(start_date);
  request.set_request_id(NextRequestId());
  v1::Placement response;
  return stub_->PlaceInBlock(testing::CallContext(token).get(), request,
                             out != nullptr ? out : &response);
}

grpc::Status ReferralsApiTest::Occupancy(const std::string& token,
                                         const std::string& block,
                                         const std::string& first_day,
                                         const std::string& last_day,
                                         v1::BlockOccupancy* out) {
  v1::GetBlockOccupancyRequest request;
  request.set_name(block);
  *request.mutable_first_day() = Day(first_day);
  *request.mutable_last_day() = Day(last_day);
  return stub_->GetBlockOccupancy(testing::CallContext(token).get(), request,
                                  out);
}

grpc::Status ReferralsApiTest::Figures(const std::string& token,
                                       const std::string& authority,
                                       const std::string& first_day,
                                       const std::string& last_day,
                                       v1::Figures* out) {
  v1::GetFiguresRequest request;
  request.set_framework(kNw);
  if (!authority.empty()) {
    request.set_authority(absl::StrCat("authorities/", authority));
  }
  *request.mutable_first_day() = Day(first_day);
  *request.mutable_last_day() = Day(last_day);
  return stub_->GetFigures(testing::CallContext(token).get(), request, out);
}

int ReferralsApiTest::CountRows(const std::string& table) {
  return CountRows(table, "true");
}

int ReferralsApiTest::CountRows(const std::string& table,
                                const std::string& where) {
  pqxx::connection connection{fhub::testing::AsAdmin(db_.dsn())};
  pqxx::nontransaction tx(connection);
  return tx
      .exec1("SELECT count(*) FROM referrals." + table + " WHERE " + where)[0]
      .as<int>();
}

#undef FHUB_ID

}  // namespace fhub::referrals
