#include "tests/support/grpc_harness.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

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

}  // namespace fhub::testing
