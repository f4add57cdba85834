#include "tests/integration/pricing_api/fixture.h"

#include <pqxx/pqxx>

#include "common/proto_values.h"
#include "services/frameworks/migrations.h"
#include "services/pricing/migrations.h"
#include "services/registry/migrations.h"

namespace fhub::pricing {
namespace {

#define FHUB_ID(request_id) \
  ((request_id).empty() ? NextRequestId() : (request_id))

rv1::Provider SampleProvider(const std::string& id) {
  rv1::Provider p;
  p.set_legal_name(absl::StrCat(id, " Ltd"));
  p.set_kind(rv1::COMPANY);
  p.set_company_number("01234567");
  auto* contact = p.add_contacts();
  contact->set_full_name("Jo Bloggs");
  contact->set_email(absl::StrCat("jo@", id, ".co.uk"));
  p.mutable_address()->add_lines("1 Stanley Road");
  p.mutable_address()->set_town("Bootle");
  p.mutable_address()->set_postcode("L20 3NJ");
  return p;
}

rv1::Setting SampleSetting() {
  rv1::Setting s;
  s.set_display_name("Stanley House");
  s.mutable_address()->add_lines("12 Stanley Road");
  s.mutable_address()->set_town("Bootle");
  s.mutable_address()->set_postcode("L20 3NJ");
  s.set_latitude(53.4466);
  s.set_longitude(-2.9929);
  auto* lot = s.add_lots();
  lot->set_framework(kNw);
  lot->set_lot_id("lot-1");
  s.set_capacity(4);
  s.set_registration_type(rv1::SUPPORTED_ACCOMMODATION);
  s.set_ofsted_urn("2745123");
  s.mutable_latest_judgement()->set_judgement(rv1::OUTCOME_1);
  ParseDate("2026-06-15", s.mutable_latest_judgement()->mutable_date());
  return s;
}

}  // namespace

PricingApiTest::PricingApiTest() {
  db_.Migrate("frameworks", "frameworks", frameworks::Migrations());
  db_.Migrate("registry", "registry", registry::Migrations());
  db_.Migrate("pricing", "pricing", Migrations());
  verifier_ = std::make_unique<auth::TokenVerifier>(testing::TestTokenOptions(),
                                                    &clock_);

  frameworks_service_ = std::make_unique<testing::FrameworksInProcess>(
      db_.dsn(), verifier_.get(), &clock_);
  auto frameworks_channel = frameworks_service_->channel();

  auto service_token = [this](const char* organisation, const char* subject) {
    return [this, organisation, subject]() -> absl::StatusOr<std::string> {
      return absl::StrCat(
          "Bearer ",
          testing::TestToken(clock_, organisation, {Role::kService}, subject));
    };
  };

  registry_pool_ = testing::TestPool(db_.dsn(), "registry, public",
                                     registry::RegistryStore::Statements());
  registry::GrpcFrameworkDirectoryOptions directory_options;
  directory_options.channel = frameworks_channel;
  directory_options.authorization =
      service_token("services/registry", "fhub-registry");
  directory_options.cache_ttl = absl::ZeroDuration();
  registry_directory_ = std::make_unique<registry::GrpcFrameworkDirectory>(
      directory_options, &clock_);
  registry_service_ = std::make_unique<registry::RegistryServiceImpl>(
      registry_pool_.get(), &registry_store_, registry_directory_.get(),
      verifier_.get(), &clock_);
  registry_server_ = testing::StartLoopbackServer(registry_service_.get());
  registry_ = rv1::RegistryService::NewStub(
      testing::LoopbackChannel(*registry_server_));

  pool_ = testing::TestPool(db_.dsn(), "pricing", PricingStore::Statements());
  FrameworksClientOptions frameworks_options;
  frameworks_options.channel = frameworks_channel;
  frameworks_options.authorization =
      service_token("services/pricing", "fhub-pricing");
  frameworks_options.cache_ttl = absl::ZeroDuration();
  frameworks_client_ =
      std::make_unique<FrameworksClient>(frameworks_options, &clock_);
  GrpcProviderDirectoryOptions registry_options;
  registry_options.channel = testing::LoopbackChannel(*registry_server_);
  registry_options.authorization =
      service_token("services/pricing", "fhub-pricing");
  providers_ = std::make_unique<GrpcProviderDirectory>(registry_options);
  BookCacheOptions cache_options;
  cache_options.database_url = db_.dsn();
  cache_ = std::make_unique<BookCache>(cache_options);
  cache_->Start();
  EXPECT_TRUE(cache_->WaitUntilListening(absl::Seconds(10)));
  service_ = std::make_unique<PricingServiceImpl>(
      pool_.get(), &store_, frameworks_client_.get(), providers_.get(),
      verifier_.get(), &clock_, cache_.get());
  server_ = testing::StartLoopbackServer(service_.get());
  stub_ = v1::PricingService::NewStub(testing::LoopbackChannel(*server_));
}

PricingApiTest::~PricingApiTest() {
  if (server_) server_->Shutdown();
  if (registry_server_) registry_server_->Shutdown();
  cache_.reset();
  pool_.reset();
  registry_pool_.reset();
  frameworks_service_.reset();
}

void PricingApiTest::SetUp() {
  const std::string hub = HubAdmin();
  ASSERT_THAT(frameworks_service_->SetUpNorthWest(
                  hub, LeadAdmin(), [this] { return NextRequestId(); }),
              GrpcOk());
  for (const char* id :
       {"bootle-house", "mersey-living", "pennine-support", "wigan-homes"}) {
    rv1::CreateProviderRequest provider;
    provider.set_provider_id(id);
    *provider.mutable_provider() = SampleProvider(id);
    provider.set_request_id(NextRequestId());
    rv1::Provider created;
    ASSERT_THAT(registry_->CreateProvider(testing::CallContext(hub).get(),
                                          provider, &created),
                GrpcOk())
        << id;
    rv1::CreateSettingRequest setting;
    setting.set_parent(absl::StrCat("providers/", id));
    setting.set_setting_id("main");
    *setting.mutable_setting() = SampleSetting();
    setting.set_request_id(NextRequestId());
    rv1::Setting stored;
    ASSERT_THAT(
        registry_->CreateSetting(testing::CallContext(ProviderUser(id)).get(),
                                 setting, &stored),
        GrpcOk())
        << id;
  }
}

common::v1::Date PricingApiTest::Day(const std::string& text) {
  common::v1::Date date;
  EXPECT_TRUE(ParseDate(text, &date)) << text;
  return date;
}

v1::RateCard PricingApiTest::Card(const Rates& rates, const std::string& from) {
  v1::RateCard card;
  if (!from.empty()) *card.mutable_effective_from() = Day(from);
  card.set_accommodation_weekly_pence(rates.accommodation_weekly);
  card.set_support_hourly_pence(rates.support_hourly);
  card.set_waking_night_hourly_pence(rates.waking_night_hourly);
  card.set_sleep_in_nightly_pence(rates.sleep_in_nightly);
  return card;
}

v1::PriceScope PricingApiTest::Scope(const std::string& authority,
                                     const std::string& provider,
                                     const std::string& lot_id,
                                     const std::string& setting) {
  v1::PriceScope scope;
  scope.set_authority(absl::StrCat("authorities/", authority));
  scope.set_provider(absl::StrCat("providers/", provider));
  scope.set_framework(kNw);
  scope.set_lot_id(lot_id);
  scope.set_setting(setting);
  return scope;
}

v1::Package PricingApiTest::SupportPackage(int64_t minutes) {
  v1::Package package;
  package.set_support_minutes_per_week(minutes);
  return package;
}

grpc::Status PricingApiTest::CreateBook(const std::string& token,
                                        const std::string& authority,
                                        const std::string& provider,
                                        const Rates& rates, v1::PriceBook* out,
                                        const std::string& lot_id,
                                        const std::string& start,
                                        const std::string& request_id) {
  v1::CreatePriceBookRequest request;
  v1::PriceBook* book = request.mutable_price_book();
  book->set_authority(absl::StrCat("authorities/", authority));
  book->set_provider(absl::StrCat("providers/", provider));
  book->set_framework(kNw);
  book->set_lot_id(lot_id);
  *book->mutable_start_date() = Day(start);
  *request.mutable_first_card() = Card(rates);
  request.set_request_id(FHUB_ID(request_id));
  v1::PriceBook response;
  return stub_->CreatePriceBook(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

grpc::Status PricingApiTest::Accept(const std::string& token,
                                    const std::string& book,
                                    v1::PriceBook* out) {
  v1::AcceptPriceBookRequest request;
  request.set_name(book);
  request.set_request_id(NextRequestId());
  v1::PriceBook response;
  return stub_->AcceptPriceBook(testing::CallContext(token).get(), request,
                                out != nullptr ? out : &response);
}

v1::PriceBook PricingApiTest::AcceptedBook(const std::string& authority,
                                           const std::string& provider,
                                           const Rates& rates,
                                           const std::string& lot_id) {
  v1::PriceBook book;
  EXPECT_THAT(CreateBook(Commissioner(authority), authority, provider, rates,
                         &book, lot_id),
              GrpcOk());
  EXPECT_THAT(Accept(ProviderUser(provider), book.name(), &book), GrpcOk());
  return book;
}

grpc::Status PricingApiTest::AddCard(const std::string& token,
                                     const std::string& book,
                                     const v1::RateCard& card,
                                     v1::RateCard* out) {
  v1::AddRateCardRequest request;
  request.set_parent(book);
  *request.mutable_rate_card() = card;
  request.set_request_id(NextRequestId());
  v1::RateCard response;
  return stub_->AddRateCard(testing::CallContext(token).get(), request,
                            out != nullptr ? out : &response);
}

grpc::Status PricingApiTest::Uplift(const std::string& token,
                                    const std::string& authority,
                                    int basis_points, const std::string& from,
                                    const std::vector<std::string>& books,
                                    v1::ApplyUpliftResponse* out,
                                    v1::RoundingRule rounding) {
  v1::ApplyUpliftRequest request;
  request.set_authority(absl::StrCat("authorities/", authority));
  for (const std::string& book : books) request.add_price_books(book);
  request.set_basis_points(basis_points);
  request.set_rounding(rounding);
  *request.mutable_effective_from() = Day(from);
  request.set_request_id(NextRequestId());
  v1::ApplyUpliftResponse response;
  return stub_->ApplyUplift(testing::CallContext(token).get(), request,
                            out != nullptr ? out : &response);
}

grpc::Status PricingApiTest::Quote(const std::string& token,
                                   const v1::PriceScope& scope,
                                   const std::string& date,
                                   const v1::Package& package,
                                   v1::QuoteResponse* out) {
  v1::QuoteRequest request;
  *request.mutable_scope() = scope;
  *request.mutable_date() = Day(date);
  *request.mutable_package() = package;
  return stub_->Quote(testing::CallContext(token).get(), request, out);
}

grpc::Status PricingApiTest::CheckOffer(const std::string& token,
                                        const v1::PriceScope& scope,
                                        const std::string& date,
                                        const Rates& offered,
                                        v1::CheckOfferResponse* out) {
  v1::CheckOfferRequest request;
  *request.mutable_scope() = scope;
  *request.mutable_date() = Day(date);
  request.mutable_offered()->set_accommodation_weekly_pence(
      offered.accommodation_weekly);
  request.mutable_offered()->set_support_hourly_pence(offered.support_hourly);
  request.mutable_offered()->set_waking_night_hourly_pence(
      offered.waking_night_hourly);
  request.mutable_offered()->set_sleep_in_nightly_pence(
      offered.sleep_in_nightly);
  return stub_->CheckOffer(testing::CallContext(token).get(), request, out);
}

grpc::Status PricingApiTest::Benchmark(const std::string& token,
                                       const std::string& lot_id,
                                       const std::string& date,
                                       v1::Benchmark* out) {
  v1::GetBenchmarkRequest request;
  request.set_framework(kNw);
  request.set_lot_id(lot_id);
  if (!date.empty()) *request.mutable_date() = Day(date);
  return stub_->GetBenchmark(testing::CallContext(token).get(), request, out);
}

grpc::Status PricingApiTest::SetPolicy(const std::string& token,
                                       const std::string& authority,
                                       bool allow_spot_prices) {
  v1::SetPricingPolicyRequest request;
  request.set_authority(absl::StrCat("authorities/", authority));
  request.mutable_policy()->set_allow_spot_prices(allow_spot_prices);
  request.set_request_id(NextRequestId());
  v1::PricingPolicy response;
  return stub_->SetPricingPolicy(testing::CallContext(token).get(), request,
                                 &response);
}

int PricingApiTest::CountRows(const std::string& table) {
  pqxx::connection connection{fhub::testing::AsAdmin(db_.dsn())};
  pqxx::nontransaction tx(connection);
  return tx.exec1("SELECT count(*) FROM pricing." + table)[0].as<int>();
}

}  // namespace fhub::pricing
