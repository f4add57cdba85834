#include "common/clients/peer_setup.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace fhub {

std::string FlagOrEnv(const std::string& flag, const char* env,
                      const std::string& fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? value : fallback;
}

absl::StatusOr<std::string> ReadTrimmedFile(const std::string& path,
                                            absl::string_view what) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": cannot read ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> PeerChannel(
    const ServiceConfig& config, const std::string& address,
    const std::string& ca_file, absl::string_view what) {
  // A peer that is down (or not started yet) is tried again within a
  // second, not after gRPC's default backoff of up to two minutes, during
  // which every call would fail at once with UNAVAILABLE.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  if (ca_file.empty()) {
    return grpc::CreateCustomChannel(address,
                                     grpc::InsecureChannelCredentials(), args);
  }
  auto ca = ReadTrimmedFile(ca_file, what);
  if (!ca.ok()) return ca.status();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = *ca;
  options.pem_cert_chain = config.tls_cert;
  options.pem_private_key = config.tls_key;
  return grpc::CreateCustomChannel(address, grpc::SslCredentials(options),
                                   args);
}

void PreparePeerCall(grpc::ClientContext& context,
                     absl::string_view authorization, absl::Duration timeout) {
  context.AddMetadata("authorization", std::string(authorization));
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  context.set_wait_for_ready(true);
}

absl::StatusOr<std::unique_ptr<ServiceTokenSource>> OwnServiceToken(
    const ServiceConfig& config, ServiceIdentity identity,
    const std::string& token_file, const Clock* clock) {
  std::string fixed_token;
  if (!token_file.empty()) {
    auto token = ReadTrimmedFile(token_file, "service_token_file");
    if (!token.ok()) return token.status();
    fixed_token = *std::move(token);
  } else if (!absl::StartsWith(config.token.algorithms.front(), "HS")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "service_token_file is required when tokens are verified with a "
        "public key: ",
        identity.subject, " cannot sign its own"));
  }
  return std::make_unique<ServiceTokenSource>(
      std::move(identity), config.token.key, config.token.algorithms.front(),
      config.token.issuer, config.token.audience, std::move(fixed_token),
      clock);
}

}  // namespace fhub
