// Calls to a peer wait for its channel within their deadline: a peer that
// has just started (or restarted) answers the first call even while the
// channel is still between connection attempts, and a peer that stays down
// fails the call only when its deadline passes.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clients/peer_setup.h"
#include "common/config.h"
#include "common/server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

namespace fhub {
namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// A loopback port nothing listens on: bound by a server that then stopped.
int FreePort() {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.shutdown_grace = absl::ZeroDuration();
  auto server = Server::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  const int port = (*server)->port();
  (*server)->Shutdown();
  return port;
}

grpc::Status Check(Health::Stub& stub, absl::Duration timeout) {
  grpc::ClientContext context;
  PreparePeerCall(context, "Bearer unused", timeout);
  HealthCheckRequest request;
  HealthCheckResponse response;
  return stub.Check(&context, request, &response);
}

TEST(PeerCallTest, WaitsForAPeerThatStartsWithinTheDeadline) {
  const int port = FreePort();
  const std::string address = absl::StrCat("127.0.0.1:", port);
  auto channel = PeerChannel(ServiceConfig(), address, "", "peer_ca_file");
  ASSERT_TRUE(channel.ok()) << channel.status();
  auto stub = Health::NewStub(*channel);

  // Nobody listens: the call waits out its deadline, and the channel is now
  // backing off before its next attempt.
  const absl::Time before = absl::Now();
  EXPECT_EQ(Check(*stub, absl::Milliseconds(300)).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_GE(absl::Now() - before, absl::Milliseconds(250));

  ServerOptions options;
  options.listen_address = address;
  options.shutdown_grace = absl::ZeroDuration();
  auto server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  // Straight away, inside the backoff: without wait-for-ready this failed
  // at once with UNAVAILABLE "failed to connect".
  grpc::Status status = Check(*stub, absl::Seconds(5));
  EXPECT_TRUE(status.ok()) << status.error_code() << " "
                           << status.error_message();
}

}  // namespace
}  // namespace fhub
