// fhub-frameworks, fhub-registry and fhub-pricing as separate processes
// over one private PostgreSQL cluster, each logging in with its own role
// and calling the others with the SERVICE tokens it signs itself: a price
// book is created (pricing asks the frameworks service about membership and
// the registry about the provider), accepted and quoted, and a new card
// reaches the next quote through the book cache's notifications; then each
// process stops cleanly on SIGTERM.

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
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_harness.h"
#include "tests/support/grpc_matchers.h"

namespace fhub {
namespace {

using auth::Role;
using testing::GrpcIs;
using testing::GrpcOk;
namespace pv1 = ::fhub::pricing::v1;
namespace rv1 = ::fhub::registry::v1;

const std::string kCluster =
    absl::StrCat(FHUB_SOURCE_DIR, "/deploy/local/pg-cluster.sh");

struct Process {
  std::string name;  // "pricing"
  std::string service;
  std::string address;
  std::unique_ptr<testing::ChildProcess> child;
};

class HubProcessesTest : public ::testing::Test {
 protected:
  HubProcessesTest() {
    char dir[] = "/tmp/fhub-e2e-XXXXXX";
    cluster_dir_ = mkdtemp(dir);
  }
  ~HubProcessesTest() override {
    for (auto& p : processes_) p.second.child.reset();
    std::system(absl::StrCat("FHUB_PG_FAST=1 ", kCluster, " stop ",
                             cluster_dir_, " >/dev/null 2>&1")
                    .c_str());
    std::system(absl::StrCat("rm -rf ", cluster_dir_).c_str());
  }

  void StartCluster() {
    ASSERT_EQ(std::system(absl::StrCat("FHUB_PG_FAST=1 ", kCluster, " start ",
                                       cluster_dir_, " >/dev/null")
                              .c_str()),
              0);
  }

  std::string Address(const std::string& name) {
    std::string& address = processes_[name].address;
    if (address.empty()) {
      address = absl::StrCat("127.0.0.1:", testing::FreePort());
    }
    return address;
  }

  void Start(const std::string& name, const std::string& service) {
    Process& p = processes_[name];
    p.name = name;
    p.service = service;
    const std::string address = Address(name);
    std::map<std::string, std::string> env = {
        {"FHUB_LISTEN", address},
        {"FHUB_DATABASE_URL",
         absl::StrCat("host=", cluster_dir_, " dbname=fhub user=fhub_", name)},
        {"FHUB_TOKEN_KEY", testing::kTestTokenKey},
        {"FHUB_TOKEN_ISSUER", "fhub-test"},
        {"FHUB_SHUTDOWN_GRACE_SECONDS", "2"},
        {"FHUB_FRAMEWORKS_ADDR", Address("frameworks")},
        {"FHUB_REGISTRY_ADDR", Address("registry")}};
    p.child = std::make_unique<testing::ChildProcess>(
        absl::StrCat(FHUB_BINARY_DIR, "/services/", name, "/fhub-", name),
        std::vector<std::string>{}, env);
  }

  std::shared_ptr<grpc::Channel> Channel(const std::string& name) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(Address(name),
                                     grpc::InsecureChannelCredentials(), args);
  }

  bool WaitServing(const std::string& name) {
    for (int i = 0; i < 300; ++i) {
      auto health = ::grpc::health::v1::Health::NewStub(Channel(name));
      ::grpc::health::v1::HealthCheckRequest request;
      request.set_service(processes_[name].service);
      ::grpc::health::v1::HealthCheckResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::milliseconds(500));
      if (health->Check(&context, request, &response).ok() &&
          response.status() ==
              ::grpc::health::v1::HealthCheckResponse::SERVING) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  std::string Token(absl::string_view organisation, std::vector<Role> roles) {
    return testing::TestToken(clock_, organisation, std::move(roles));
  }
  std::string NextRequestId() { return absl::StrCat("e2e-", ++requests_); }

  pv1::QuoteRequest QuoteFor(const std::string& authority, absl::CivilDay day) {
    pv1::QuoteRequest request;
    request.mutable_scope()->set_authority(
        absl::StrCat("authorities/", authority));
    request.mutable_scope()->set_provider("providers/bootle-house");
    request.mutable_scope()->set_framework("frameworks/nw-16plus");
    request.mutable_scope()->set_lot_id("lot-1");
    ToProto(day, request.mutable_date());
    request.mutable_package()->set_support_minutes_per_week(450);
    return request;
  }

  SystemClock clock_;
  std::string cluster_dir_;
  int requests_ = 0;
  std::map<std::string, Process> processes_;
};

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

}  // namespace
}  // namespace fhub
