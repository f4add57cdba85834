#pragma once

// fhub-gateway's settings, from flags and the environment as every service
// reads them (common/config.h): a flag wins over the environment variable,
// which wins over the default, and a bad value stops start-up naming the
// setting.
//
//   --listen          FHUB_LISTEN           127.0.0.1:7000
//   --tls_cert_file   FHUB_TLS_CERT_FILE    serve HTTPS (with the key), and
//   --tls_key_file    FHUB_TLS_KEY_FILE     present them to TLS services
//   --frameworks_addr FHUB_FRAMEWORKS_ADDR  127.0.0.1:7001
//   --registry_addr   FHUB_REGISTRY_ADDR    127.0.0.1:7002
//   --pricing_addr    FHUB_PRICING_ADDR     127.0.0.1:7003
//   --referrals_addr  FHUB_REFERRALS_ADDR   127.0.0.1:7004
//   --<service>_ca_file FHUB_<SERVICE>_CA_FILE   call that service over TLS
//   --call_timeout_ms FHUB_CALL_TIMEOUT_MS  10000 (1 to 600000)
//   --max_body_bytes  FHUB_MAX_BODY_BYTES   1048576 (1 KiB to 64 MiB)
//   --http_threads    FHUB_HTTP_THREADS     64 (4 to 1024)
//   --web_root        FHUB_WEB_ROOT         the console's files (web/dist)
//   --dev_mode        FHUB_DEV_MODE=1       the development sign-in, on a
//                                           loopback address only, minting
//                                           tokens with FHUB_TOKEN_KEY or
//                                           FHUB_TOKEN_KEY_FILE (HMAC) for
//                                           FHUB_TOKEN_ISSUER (fhub-dev) and
//                                           FHUB_TOKEN_AUDIENCE (fhub)
//   --trust_file      FHUB_TRUST_FILE       identity providers the console
//                                           signs people in through
//                                           (common/auth/trust.h)
//   --public_url      FHUB_PUBLIC_URL       where people reach the gateway
//                                           (redirect URIs); default
//                                           http(s)://<listen>
//   --session_key_file FHUB_SESSION_KEY_FILE the key sealing console
//                                           sessions, shared by replicas;
//                                           unset: a key per process
//   --metrics_listen  FHUB_METRICS_LISTEN   host:port of /metrics; unset:
//                                           none

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/trust.h"
#include "common/config.h"
#include "services/gateway/api/http_gateway.h"

namespace fhub::gateway {

struct BackendAddress {
  std::string address;  // host:port
  std::string ca_file;  // empty: plaintext
};

struct GatewayConfig {
  GatewayOptions http;
  // By service full name ("fhub.referrals.v1.ReferralService").
  std::map<std::string, BackendAddress> backends;
  // PEM contents of tls_cert_file and tls_key_file, for mutual TLS to the
  // services.
  std::string tls_cert;
  std::string tls_key;
  // Development mode: the sign-in's key, issuer and audience.
  bool dev_mode = false;
  DevSignInOptions dev;
  // Console sign-in through trusted identity providers.
  std::vector<auth::TrustedIssuer> trusted_issuers;
  std::string public_url;
  std::string session_key;  // empty: random per process
  std::string metrics_listen;  // empty: no /metrics
};

// The flags this binary reads beyond ConfigSource::FromProcess's own.
inline constexpr const char* kGatewayFlags[] = {
    "frameworks_addr",    "registry_addr",    "pricing_addr",
    "referrals_addr",     "frameworks_ca_file", "registry_ca_file",
    "pricing_ca_file",    "referrals_ca_file",  "call_timeout_ms",
    "max_body_bytes",     "http_threads",       "web_root",
    "dev_mode",           "trust_file",         "public_url",
    "session_key_file"};

absl::StatusOr<GatewayConfig> LoadGatewayConfig(const ConfigSource& source);

}  // namespace fhub::gateway
