#pragma once

// The hub's services as separate processes over one private PostgreSQL
// cluster, as they run when deployed: each binary started with its own
// database role, on a free loopback port, knowing where its peers are, and
// verifying the tests' tokens. fhub-gateway starts the same way in front of
// them.

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "common/proto_values.h"
#include "fhub/pricing/v1/pricing.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"
#include "tests/support/grpc_harness.h"

namespace fhub {

using auth::Role;
namespace pv1 = ::fhub::pricing::v1;

inline const std::string kCluster =
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

  // Starts services/<name>/fhub-<name>; `extra` adds to or overrides its
  // environment.
  void Start(const std::string& name, const std::string& service,
             const std::map<std::string, std::string>& extra = {}) {
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
        {"FHUB_REGISTRY_ADDR", Address("registry")},
        {"FHUB_PRICING_ADDR", Address("pricing")},
        {"FHUB_REFERRALS_ADDR", Address("referrals")}};
    for (const auto& [key, value] : extra) env[key] = value;
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

}  // namespace fhub
