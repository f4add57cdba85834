#pragma once

// Calling a service through a real gRPC channel in tests: test tokens signed
// with a test key, and client contexts that carry them.

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "common/auth/token.h"
#include "common/clock.h"
#include "common/db/pool.h"
#include "common/server.h"

namespace fhub::testing {

inline constexpr char kTestTokenKey[] =
    "test-only-token-key-0123456789abcdef0123456789";

// Verifier options matching TestToken.
auth::TokenOptions TestTokenOptions();

// A token for `organisation` with `roles`, valid for an hour from `clock`.
std::string TestToken(const Clock& clock, absl::string_view organisation,
                      std::vector<auth::Role> roles,
                      absl::string_view subject = "tester");

// A client context with a 10 s deadline and, unless `token` is empty, the
// bearer token.
std::unique_ptr<grpc::ClientContext> CallContext(const std::string& token);

// A pool of 4 connections on `dsn` for a service under test; fails the test
// if it cannot connect.
std::unique_ptr<db::Pool> TestPool(
    const std::string& dsn, const std::string& search_path,
    std::vector<db::PreparedStatement> statements);

// `service` served in process on a free loopback port, plaintext, with a
// short shutdown grace; fails the test if it cannot start.
std::unique_ptr<Server> StartLoopbackServer(grpc::Service* service);

// A plaintext channel to a server StartLoopbackServer started.
std::shared_ptr<grpc::Channel> LoopbackChannel(const Server& server);

}  // namespace fhub::testing
