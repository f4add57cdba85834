// Overload, with the services as processes: when the database connections
// are all taken, or a service another depends on stops answering, calls
// are refused (RESOURCE_EXHAUSTED, UNAVAILABLE) or run out of time
// (DEADLINE_EXCEEDED) within their deadlines; none hangs, and the service
// serves again as soon as the cause is gone.

#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <signal.h>

#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/proto_values.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "fhub/registry/v1/registry.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/grpc_matchers.h"

namespace fhub {
namespace {

using testing::GrpcIs;
using testing::GrpcOk;
using ::testing::HasSubstr;
namespace fv1 = ::fhub::frameworks::v1;
namespace rv1 = ::fhub::registry::v1;

class OverloadTest : public HubProcessesTest {
 protected:
  // GetFramework as Sefton with `deadline`; the status and how long the
  // answer took.
  std::pair<grpc::Status, absl::Duration> Read(fv1::FrameworkService::Stub& stub,
                                               absl::Duration deadline) {
    auto context = testing::CallContext(
        Token("authorities/sefton", {Role::kCommissioner}));
    context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    fv1::GetFrameworkRequest request;
    request.set_name("frameworks/nw-16plus");
    fv1::Framework framework;
    const absl::Time start = absl::Now();
    grpc::Status status = stub.GetFramework(context.get(), request, &framework);
    return {status, absl::Now() - start};
  }
};

// One connection, held by a call whose statement waits on a lock the
// database's owner took: the next call gets RESOURCE_EXHAUSTED after the
// pool's wait limit (200 ms here), a call with a shorter deadline
// DEADLINE_EXCEEDED at its deadline, the held call DEADLINE_EXCEEDED at
// its own; the refusals show in /metrics; once the lock goes, calls
// succeed.
TEST_F(OverloadTest, AnExhaustedPoolRefusesWithinTheDeadline) {
  StartCluster();
  const int metrics_port = testing::FreePort();
  Start("frameworks", "fhub.frameworks.v1.FrameworkService",
        {{"FHUB_POOL_SIZE", "1"},
         {"FHUB_POOL_WAIT_MS", "200"},
         {"FHUB_METRICS_LISTEN", absl::StrCat("127.0.0.1:", metrics_port)}});
  ASSERT_TRUE(WaitServing("frameworks"))
      << processes_["frameworks"].child->Output();
  auto frameworks = fv1::FrameworkService::NewStub(Channel("frameworks"));
  ASSERT_THAT(
      testing::SetUpNorthWest(*frameworks,
                              Token("services/hub", {Role::kHubAdmin}),
                              Token("authorities/tameside", {Role::kLeadAdmin}),
                              [this] { return NextRequestId(); }),
      GrpcOk());
  ASSERT_THAT(Read(*frameworks, absl::Seconds(5)).first, GrpcOk());

  pqxx::connection owner(
      absl::StrCat("host=", cluster_dir_, " dbname=fhub user=fhub_admin"));
  auto lock = std::make_unique<pqxx::work>(owner);
  lock->exec("LOCK TABLE frameworks.frameworks IN ACCESS EXCLUSIVE MODE");

  std::pair<grpc::Status, absl::Duration> held;
  std::thread holder([&] { held = Read(*frameworks, absl::Milliseconds(1500)); });
  absl::SleepFor(absl::Milliseconds(300));  // the holder has the connection

  auto [busy, busy_took] = Read(*frameworks, absl::Seconds(5));
  EXPECT_THAT(busy, GrpcIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                           "database busy"));
  EXPECT_GE(busy_took, absl::Milliseconds(190));
  EXPECT_LT(busy_took, absl::Milliseconds(1000));

  auto [hurried, hurried_took] = Read(*frameworks, absl::Milliseconds(100));
  EXPECT_THAT(hurried, GrpcIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  EXPECT_LT(hurried_took, absl::Milliseconds(600));

  holder.join();
  EXPECT_THAT(held.first, GrpcIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  EXPECT_LT(held.second, absl::Milliseconds(2000));

  // The held call's statement ended at its deadline, though the lock is
  // still held: its connection is back in the pool.
  httplib::Client scraper("127.0.0.1", metrics_port);
  std::string metrics;
  for (int i = 0; i < 20; ++i) {
    auto res = scraper.Get("/metrics");
    ASSERT_TRUE(res);
    metrics = res->body;
    if (metrics.find("fhub_db_pool_in_use{pool=\"frameworks\"} 0\n") !=
        std::string::npos) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_THAT(metrics,
              HasSubstr("fhub_db_pool_in_use{pool=\"frameworks\"} 0\n"));
  EXPECT_THAT(metrics,
              HasSubstr("fhub_db_pool_exhausted_total{pool=\"frameworks\"} "));
  EXPECT_THAT(metrics,
              ::testing::Not(HasSubstr(
                  "fhub_db_pool_exhausted_total{pool=\"frameworks\"} 0\n")));

  lock->commit();
  lock.reset();
  // The held statement ends with the lock; the pool has its connection back.
  grpc::Status after;
  for (int i = 0; i < 50; ++i) {
    after = Read(*frameworks, absl::Seconds(5)).first;
    if (after.ok()) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(after, GrpcOk());
}

// Pricing asks the registry whether a provider exists before it makes a
// price book. With the registry stopped (SIGSTOP: it holds its connections
// open and answers nothing), a call with a long deadline gets UNAVAILABLE
// naming the registry after pricing's own deadline for the registry (2 s);
// a call with a short deadline gets DEADLINE_EXCEEDED at it. Nothing is
// made; once the registry runs again the same request_id makes the book.
TEST_F(OverloadTest, ASlowDependencyCostsACallItsDeadlineAtMost) {
  StartCluster();
  Start("frameworks", "fhub.frameworks.v1.FrameworkService");
  Start("registry", "fhub.registry.v1.RegistryService");
  Start("pricing", "fhub.pricing.v1.PricingService");
  for (const char* name : {"frameworks", "registry", "pricing"}) {
    ASSERT_TRUE(WaitServing(name)) << processes_[name].child->Output();
  }
  auto frameworks = fv1::FrameworkService::NewStub(Channel("frameworks"));
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
  rv1::Provider created;
  ASSERT_THAT(registry->CreateProvider(testing::CallContext(hub).get(),
                                       provider, &created),
              GrpcOk());

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
  auto call = [&](absl::Duration deadline) {
    auto context = testing::CallContext(sefton);
    context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    pv1::PriceBook book;
    const absl::Time start = absl::Now();
    grpc::Status status =
        pricing->CreatePriceBook(context.get(), create, &book);
    return std::make_pair(status, absl::Now() - start);
  };

  processes_["registry"].child->Signal(SIGSTOP);
  auto [unavailable, unavailable_took] = call(absl::Seconds(20));
  EXPECT_THAT(unavailable, GrpcIs(grpc::StatusCode::UNAVAILABLE, "registry"));
  EXPECT_LT(unavailable_took, absl::Seconds(4));
  auto [late, late_took] = call(absl::Milliseconds(500));
  EXPECT_THAT(late, GrpcIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  EXPECT_LT(late_took, absl::Milliseconds(1000));

  // Pricing itself still answers what needs no registry.
  pv1::ListPriceBooksRequest list;
  pv1::ListPriceBooksResponse books;
  auto list_context = testing::CallContext(sefton);
  list_context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  ASSERT_THAT(pricing->ListPriceBooks(list_context.get(), list, &books),
              GrpcOk());
  EXPECT_EQ(books.price_books_size(), 0) << "nothing was made";

  processes_["registry"].child->Signal(SIGCONT);
  grpc::Status made;
  for (int i = 0; i < 20; ++i) {
    made = call(absl::Seconds(5)).first;
    if (made.ok()) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_THAT(made, GrpcOk());
}

}  // namespace
}  // namespace fhub
