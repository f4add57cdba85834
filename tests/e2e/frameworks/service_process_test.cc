// fhub-frameworks as a process: start-up checks, health, losing and
// regaining its database, and graceful shutdown on SIGTERM. Each test runs a
// private PostgreSQL cluster of its own, so it can stop and start it.

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "fhub/frameworks/v1/frameworks.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/child_process.h"
#include "tests/support/grpc_harness.h"

namespace fhub::frameworks {
namespace {

using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;

const std::string kCluster =
    absl::StrCat(FHUB_SOURCE_DIR, "/deploy/local/pg-cluster.sh");

class ServiceProcessTest : public ::testing::Test {
 protected:
  ServiceProcessTest() {
    char dir[] = "/tmp/fhub-e2e-XXXXXX";
    cluster_dir_ = mkdtemp(dir);
    port_ = testing::FreePort();
    address_ = absl::StrCat("127.0.0.1:", port_);
  }
  ~ServiceProcessTest() override {
    service_.reset();
    Cluster("stop");
    std::system(absl::StrCat("rm -rf ", cluster_dir_).c_str());
  }

  void Cluster(const std::string& verb) {
    ASSERT_EQ(std::system(absl::StrCat("FHUB_PG_FAST=1 ", kCluster, " ", verb,
                                       " ", cluster_dir_, " >/dev/null")
                              .c_str()),
              0)
        << verb;
  }

  std::map<std::string, std::string> Env() {
    return {{"FHUB_LISTEN", address_},
            {"FHUB_DATABASE_URL",
             absl::StrCat("host=", cluster_dir_,
                          " dbname=fhub user=fhub_frameworks")},
            {"FHUB_TOKEN_KEY", testing::kTestTokenKey},
            {"FHUB_TOKEN_ISSUER", "fhub-test"},
            {"FHUB_DATABASE_WAIT_SECONDS", "2"},
            {"FHUB_SHUTDOWN_GRACE_SECONDS", "2"}};
  }

  void StartService(std::map<std::string, std::string> env) {
    service_ = std::make_unique<testing::ChildProcess>(
        FHUB_FRAMEWORKS_BINARY, std::vector<std::string>{}, env);
  }

  std::shared_ptr<grpc::Channel> Channel() {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(address_,
                                     grpc::InsecureChannelCredentials(), args);
  }

  // Waits until health says SERVING for the service's name.
  bool WaitServing() {
    for (int i = 0; i < 200; ++i) {
      // A fresh channel each time: a channel that failed to connect backs
      // off for a second or more before it tries again.
      auto health = ::grpc::health::v1::Health::NewStub(Channel());
      HealthCheckRequest request;
      request.set_service("fhub.frameworks.v1.FrameworkService");
      HealthCheckResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::milliseconds(500));
      if (health->Check(&context, request, &response).ok() &&
          response.status() == HealthCheckResponse::SERVING) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  grpc::Status ListFrameworks() {
    auto stub = v1::FrameworkService::NewStub(Channel());
    v1::ListFrameworksRequest request;
    v1::ListFrameworksResponse response;
    return stub->ListFrameworks(
        testing::CallContext(testing::TestToken(clock_, "services/referrals",
                                                {auth::Role::kService}))
            .get(),
        request, &response);
  }

  SystemClock clock_;
  std::string cluster_dir_;
  int port_ = 0;
  std::string address_;
  std::unique_ptr<testing::ChildProcess> service_;
};

TEST_F(ServiceProcessTest, ServesHealthThenStopsCleanlyOnSigterm) {
  Cluster("start");
  StartService(Env());
  ASSERT_TRUE(WaitServing()) << service_->Output();
  EXPECT_TRUE(ListFrameworks().ok());
  service_->Signal(SIGTERM);
  EXPECT_EQ(service_->Wait(absl::Seconds(10)), 0) << service_->Output();
  EXPECT_THAT(service_->Output(), HasSubstr("event=server.stopped"));
}

TEST_F(ServiceProcessTest, GivesUpWhenTheDatabaseNeverComes) {
  auto env = Env();  // The cluster was never started.
  const absl::Time start = absl::Now();
  StartService(env);
  EXPECT_EQ(service_->Wait(absl::Seconds(20)), 1);
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  EXPECT_THAT(service_->Output(), HasSubstr("cannot connect"));
}

TEST_F(ServiceProcessTest, WaitsForADatabaseThatIsStarting) {
  auto env = Env();
  env["FHUB_DATABASE_WAIT_SECONDS"] = "30";
  StartService(env);
  absl::SleepFor(absl::Milliseconds(700));
  EXPECT_TRUE(service_->Running());
  Cluster("start");
  EXPECT_TRUE(WaitServing()) << service_->Output();
}

TEST_F(ServiceProcessTest, RefusesToStartWithBadSettings) {
  Cluster("start");
  auto env = Env();
  env["FHUB_TOKEN_KEY"] = "short";
  StartService(env);
  EXPECT_EQ(service_->Wait(absl::Seconds(10)), 1);
  EXPECT_THAT(service_->Output(), HasSubstr("token key"));

  env = Env();
  env["FHUB_POOL_SIZE"] = "lots";
  StartService(env);
  EXPECT_EQ(service_->Wait(absl::Seconds(10)), 1);
  EXPECT_THAT(service_->Output(), HasSubstr("FHUB_POOL_SIZE"));
}

TEST_F(ServiceProcessTest,
       AnswersUnavailableWhileTheDatabaseIsDownAndRecovers) {
  Cluster("start");
  StartService(Env());
  ASSERT_TRUE(WaitServing()) << service_->Output();
  ASSERT_TRUE(ListFrameworks().ok());

  Cluster("stop");
  grpc::Status down = ListFrameworks();
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE)
      << down.error_message();
  EXPECT_TRUE(service_->Running());

  Cluster("start");
  grpc::Status back = ListFrameworks();
  EXPECT_TRUE(back.ok()) << back.error_message();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

grpc::StatusCode HealthOver(const std::string& address,
                            std::shared_ptr<grpc::ChannelCredentials> creds) {
  auto health =
      ::grpc::health::v1::Health::NewStub(grpc::CreateChannel(address, creds));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(3));
  HealthCheckRequest request;
  HealthCheckResponse response;
  return health->Check(&context, request, &response).error_code();
}

// TLS on the listener, and mutual TLS when a client CA is configured: a
// self-signed certificate for localhost serves as the server's certificate,
// the clients' trust root and the client CA at once.
TEST_F(ServiceProcessTest, ServesTlsAndRequiresClientCertificatesWhenAsked) {
  Cluster("start");
  const std::string cert = cluster_dir_ + "/tls-cert.pem";
  const std::string key = cluster_dir_ + "/tls-key.pem";
  ASSERT_EQ(
      std::system(
          absl::StrCat("openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
                       "-subj /CN=localhost -addext "
                       "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout ",
                       key, " -out ", cert, " >/dev/null 2>&1")
              .c_str()),
      0);
  auto env = Env();
  env["FHUB_TLS_CERT_FILE"] = cert;
  env["FHUB_TLS_KEY_FILE"] = key;
  StartService(env);
  const std::string address = absl::StrCat("localhost:", port_);
  grpc::SslCredentialsOptions trusting;
  trusting.pem_root_certs = ReadFile(cert);
  grpc::StatusCode code = grpc::StatusCode::UNAVAILABLE;
  for (int i = 0; i < 100 && code != grpc::StatusCode::OK; ++i) {
    code = HealthOver(address, grpc::SslCredentials(trusting));
    if (code != grpc::StatusCode::OK) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(code, grpc::StatusCode::OK) << service_->Output();
  EXPECT_NE(HealthOver(address, grpc::InsecureChannelCredentials()),
            grpc::StatusCode::OK);
  service_->Signal(SIGTERM);
  ASSERT_EQ(service_->Wait(absl::Seconds(10)), 0);

  env["FHUB_TLS_CLIENT_CA_FILE"] = cert;
  StartService(env);
  grpc::SslCredentialsOptions presenting = trusting;
  presenting.pem_private_key = ReadFile(key);
  presenting.pem_cert_chain = ReadFile(cert);
  code = grpc::StatusCode::UNAVAILABLE;
  for (int i = 0; i < 100 && code != grpc::StatusCode::OK; ++i) {
    code = HealthOver(address, grpc::SslCredentials(presenting));
    if (code != grpc::StatusCode::OK) absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(code, grpc::StatusCode::OK) << service_->Output();
  EXPECT_NE(HealthOver(address, grpc::SslCredentials(trusting)),
            grpc::StatusCode::OK);
}

}  // namespace
}  // namespace fhub::frameworks
