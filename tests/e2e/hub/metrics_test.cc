// /metrics as a scraper sees it: fhub-frameworks and fhub-gateway as
// processes, each serving Prometheus' text exposition on a port of its own
// (not the gRPC or API port); after calls that succeed and calls refused,
// the rpc counts by code, latency histograms, the pool, request_ids held
// and an event stream's follower lag are there with the right figures.

#include <httplib.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/hub/hub_processes.h"
#include "tests/support/grpc_matchers.h"
#include "tests/support/frameworks_in_process.h"
#include "tests/support/hub_story.h"

namespace fhub {
namespace {

using testing::GrpcIs;
using testing::GrpcOk;
using ::testing::HasSubstr;
namespace fv1 = ::fhub::frameworks::v1;

class MetricsTest : public HubProcessesTest {
 protected:
  // The body of GET /metrics at `port`; empty (and a failure) if none.
  std::string Scrape(int port) {
    httplib::Client client("127.0.0.1", port);
    auto res = client.Get("/metrics");
    if (!res) {
      ADD_FAILURE() << "no answer from :" << port << "/metrics";
      return "";
    }
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "text/plain; version=0.0.4");
    return res->body;
  }

  // Scrapes until `wanted` appears (metrics that the housekeeping or a
  // stream's next poll updates); the last body either way.
  std::string ScrapeUntil(int port, const std::string& wanted) {
    std::string body;
    for (int i = 0; i < 100; ++i) {
      body = Scrape(port);
      if (body.find(wanted) != std::string::npos) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return body;
  }
};

TEST_F(MetricsTest, ServicesAndTheGatewayServeTheirFigures) {
  StartCluster();
  const int frameworks_metrics = testing::FreePort();
  const int gateway_metrics = testing::FreePort();
  Start("frameworks", "fhub.frameworks.v1.FrameworkService",
        {{"FHUB_METRICS_LISTEN",
          absl::StrCat("127.0.0.1:", frameworks_metrics)},
         {"FHUB_AUDIT_CHECKPOINT_SECONDS", "1"}});
  Start("gateway", "",
        {{"FHUB_METRICS_LISTEN", absl::StrCat("127.0.0.1:", gateway_metrics)}});
  ASSERT_TRUE(WaitServing("frameworks"))
      << processes_["frameworks"].child->Output();
  auto frameworks = fv1::FrameworkService::NewStub(Channel("frameworks"));
  const std::string hub = Token("services/hub", {Role::kHubAdmin});
  ASSERT_THAT(
      testing::SetUpNorthWest(*frameworks, hub,
                              Token("authorities/tameside", {Role::kLeadAdmin}),
                              [this] { return NextRequestId(); }),
      GrpcOk());

  // Three reads that succeed, one without a token, one of a framework that
  // does not exist.
  const std::string sefton = Token("authorities/sefton", {Role::kCommissioner});
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + sefton);
    fv1::GetFrameworkRequest request;
    request.set_name("frameworks/nw-16plus");
    fv1::Framework framework;
    ASSERT_THAT(frameworks->GetFramework(&context, request, &framework),
                GrpcOk());
  }
  {
    grpc::ClientContext context;
    fv1::GetFrameworkRequest request;
    request.set_name("frameworks/nw-16plus");
    fv1::Framework framework;
    EXPECT_THAT(frameworks->GetFramework(&context, request, &framework),
                GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + sefton);
    fv1::GetFrameworkRequest request;
    request.set_name("frameworks/nowhere");
    fv1::Framework framework;
    EXPECT_THAT(frameworks->GetFramework(&context, request, &framework),
                GrpcIs(grpc::StatusCode::NOT_FOUND));
  }

  // A follower of the events, caught up and still connected.
  grpc::ClientContext stream_context;
  stream_context.AddMetadata(
      "authorization",
      "Bearer " + testing::TestToken(clock_, "services/hub", {Role::kService},
                                     "referrals-follower"));
  fv1::StreamEventsRequest from_start;
  auto stream = frameworks->StreamEvents(&stream_context, from_start);
  fv1::Event event;
  ASSERT_TRUE(stream->Read(&event));

  const std::string method =
      "grpc_type=\"unary\",grpc_service=\"fhub.frameworks.v1."
      "FrameworkService\",grpc_method=\"GetFramework\"";
  std::string body = Scrape(frameworks_metrics);
  EXPECT_THAT(body, HasSubstr("# TYPE grpc_server_handled_total counter\n"));
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_started_total{",
                                           method, "} 5\n")));
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_handled_total{", method,
                                           ",grpc_code=\"OK\"} 3\n")));
  EXPECT_THAT(body,
              HasSubstr(absl::StrCat("grpc_server_handled_total{", method,
                                     ",grpc_code=\"Unauthenticated\"} 1\n")));
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_handled_total{", method,
                                           ",grpc_code=\"NotFound\"} 1\n")));
  EXPECT_THAT(body, HasSubstr("# TYPE grpc_server_handling_seconds histogram\n"));
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_handling_seconds_bucket{",
                                           method, ",le=\"+Inf\"} 5\n")));
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_handling_seconds_count{",
                                           method, "} 5\n")));
  EXPECT_THAT(body, HasSubstr("fhub_db_pool_size{pool=\"frameworks\"} 6\n"));
  EXPECT_THAT(body, HasSubstr("fhub_db_pool_acquired_total{pool=\"frameworks\"}"));
  EXPECT_THAT(body, HasSubstr("fhub_db_pool_waiters{pool=\"frameworks\"} 0\n"));
  EXPECT_THAT(body,
              HasSubstr("fhub_db_pool_exhausted_total{pool=\"frameworks\"} 0\n"));
  // The stream follows the rest; once it has read them all it lags 0.
  while (stream->Read(&event) && event.sequence() < 3) {
  }
  body = ScrapeUntil(
      frameworks_metrics,
      "fhub_outbox_follower_lag_events{follower=\"referrals-follower\"} 0\n");
  EXPECT_THAT(body, HasSubstr("fhub_outbox_followers{follower=\"referrals-"
                              "follower\"} 1\n"));
  EXPECT_THAT(body, HasSubstr("fhub_outbox_follower_lag_events{follower="
                              "\"referrals-follower\"} 0\n"));
  // The set-up's changes each kept a request_id (counted by the
  // housekeeping, every second here).
  for (int i = 0; i < 50; ++i) {
    body = Scrape(frameworks_metrics);
    if (body.find("fhub_idempotency_keys 15\n") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(body, HasSubstr("# TYPE fhub_idempotency_keys gauge\n"));
  EXPECT_THAT(body, HasSubstr("fhub_idempotency_keys 15\n"));
  stream_context.TryCancel();
  while (stream->Read(&event)) {
  }
  stream->Finish();

  // Nothing else on the metrics port; no metrics on the gRPC port.
  httplib::Client other("127.0.0.1", frameworks_metrics);
  auto not_metrics = other.Get("/v1/frameworks/nw-16plus");
  ASSERT_TRUE(not_metrics);
  EXPECT_EQ(not_metrics->status, 404);

  // The gateway: requests by kind, method and status.
  httplib::Client gateway(absl::StrCat("http://", Address("gateway")));
  bool ready = false;
  for (int i = 0; i < 200 && !ready; ++i) {
    auto res = gateway.Get("/healthz");
    ready = res && res->status == 200;
    if (!ready) absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_TRUE(ready) << processes_["gateway"].child->Output();
  auto ok = gateway.Get("/v1/frameworks/nw-16plus",
                        {{"Authorization", "Bearer " + sefton}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  auto refused = gateway.Get("/v1/frameworks/nw-16plus");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  body = Scrape(gateway_metrics);
  EXPECT_THAT(body, HasSubstr("http_requests_total{handler=\"rest\",method="
                              "\"GET\",code=\"200\"} 1\n"));
  EXPECT_THAT(body, HasSubstr("http_requests_total{handler=\"rest\",method="
                              "\"GET\",code=\"401\"} 1\n"));
  EXPECT_THAT(body, HasSubstr("http_request_duration_seconds_count{handler="
                              "\"rest\"} 2\n"));
  // The frameworks service saw the gateway's call too.
  body = Scrape(frameworks_metrics);
  EXPECT_THAT(body, HasSubstr(absl::StrCat("grpc_server_handled_total{", method,
                                           ",grpc_code=\"OK\"} 4\n")));
}

}  // namespace
}  // namespace fhub
