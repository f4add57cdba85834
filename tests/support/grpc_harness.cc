#include "tests/support/grpc_harness.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace fhub::testing {

auth::TokenOptions TestTokenOptions() {
  auth::TokenOptions options;
  options.key = kTestTokenKey;
  options.issuer = "fhub-test";
  options.audience = "fhub";
  options.algorithms = {"HS256"};
  return options;
}

std::string TestToken(const Clock& clock, absl::string_view organisation,
                      std::vector<auth::Role> roles,
                      absl::string_view subject) {
  auth::TokenClaims claims;
  claims.subject = std::string(subject);
  claims.organisation = std::string(organisation);
  claims.roles = std::move(roles);
  claims.issuer = "fhub-test";
  claims.audience = "fhub";
  claims.issued_at = clock.Now();
  claims.expires_at = clock.Now() + absl::Hours(1);
  auto token = auth::IssueToken(claims, kTestTokenKey);
  if (!token.ok()) {
    std::cerr << "cannot mint test token: " << token.status() << std::endl;
    std::abort();
  }
  return *token;
}

std::unique_ptr<grpc::ClientContext> CallContext(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(10));
  if (!token.empty()) {
    context->AddMetadata("authorization", "Bearer " + token);
  }
  return context;
}

std::unique_ptr<db::Pool> TestPool(
    const std::string& dsn, const std::string& search_path,
    std::vector<db::PreparedStatement> statements) {
  db::PoolOptions options;
  options.dsn = dsn;
  options.size = 4;
  options.wait_limit = absl::Seconds(2);
  options.search_path = search_path;
  options.statements = std::move(statements);
  auto pool = db::Pool::Create(options);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

std::unique_ptr<Server> StartLoopbackServer(grpc::Service* service) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(1);
  options.services = {service};
  auto server = Server::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *std::move(server) : nullptr;
}

std::shared_ptr<grpc::Channel> LoopbackChannel(const Server& server) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.port()),
                             grpc::InsecureChannelCredentials());
}

}  // namespace fhub::testing
