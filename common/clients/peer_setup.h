#pragma once

// Start-up wiring shared by the services that call other services: where a
// peer is, how to reach it, and who the caller says it is.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/clients/service_token.h"
#include "common/clock.h"
#include "common/config.h"

namespace fhub {

// `flag` if given, else the environment variable `env`, else `fallback`.
std::string FlagOrEnv(const std::string& flag, const char* env,
                      const std::string& fallback);

// The file's contents without surrounding whitespace; INVALID_ARGUMENT
// naming `what` if it cannot be read.
absl::StatusOr<std::string> ReadTrimmedFile(const std::string& path,
                                            absl::string_view what);

// A channel to the peer at `address`: plaintext when `ca_file` is empty,
// else TLS trusting that CA and showing the service's own certificate
// (mutual TLS) when it has one. `what` names the CA setting in errors.
absl::StatusOr<std::shared_ptr<grpc::Channel>> PeerChannel(
    const ServiceConfig& config, const std::string& address,
    const std::string& ca_file, absl::string_view what);

// Readies `context` for one call to a peer: `authorization` as the
// caller's credentials, a deadline `timeout` from now, and wait-for-ready.
// Without it a call made while the channel is still connecting (the peer
// has just started, or is back after a restart and the channel is between
// attempts) fails at once with UNAVAILABLE "failed to connect"; with it the
// call waits for the channel within its deadline, and a peer that stays
// down fails it with DEADLINE_EXCEEDED when the deadline passes.
void PreparePeerCall(grpc::ClientContext& context,
                     absl::string_view authorization, absl::Duration timeout);

// The service's own SERVICE identity: the token in `token_file` if given;
// else tokens it signs with the hub's HMAC key; INVALID_ARGUMENT when the
// hub verifies with a public key and no file is given.
absl::StatusOr<std::unique_ptr<ServiceTokenSource>> OwnServiceToken(
    const ServiceConfig& config, ServiceIdentity identity,
    const std::string& token_file, const Clock* clock);

}  // namespace fhub
