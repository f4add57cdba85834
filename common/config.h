#pragma once

// Service configuration from flags and the environment. Each setting has a
// flag (--pool_size) and an environment variable (FHUB_POOL_SIZE); a flag
// given on the command line wins over the environment, which wins over the
// default. Everything is checked at start-up, and a bad value stops the
// service with a message that names the setting.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/token.h"

namespace fhub {

struct ServiceConfig {
  // host:port the gRPC server listens on.
  std::string listen_address;
  // libpq connection string or URI of the service's database.
  std::string database_url;
  // Bearer token verification.
  auth::TokenOptions token;
  // Most PostgreSQL connections the service holds.
  int pool_size = 6;
  // Longest an rpc waits for a free connection before RESOURCE_EXHAUSTED.
  absl::Duration pool_wait = absl::Seconds(1);
  // Time in-flight calls get to finish after SIGTERM.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // How long start-up keeps retrying an unreachable database.
  absl::Duration database_wait = absl::Seconds(30);
  // TLS: PEM contents of the server's certificate chain and key; both empty
  // for plaintext (local development only). With `tls_client_ca`, clients
  // must present a certificate it signed (mutual TLS between services).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // PEM Ed25519 private key signing the audit trail's checkpoints; empty: a
  // key made at start-up (its public half is kept with each checkpoint).
  std::string audit_key;
  // How often the audit trail's chain heads are signed.
  absl::Duration audit_checkpoint_every = absl::Seconds(60);
  // How long a request_id is remembered (retries within it get the first
  // answer), then swept.
  absl::Duration idempotency_retention = absl::Hours(24 * 30);
  // host:port serving Prometheus metrics at /metrics; empty: none.
  std::string metrics_listen;
};

// Where setting values come from. Flags hold what was given on the command
// line (absent when not given); `env` looks up an environment variable.
struct ConfigSource {
  std::map<std::string, std::string> flags;
  std::function<std::optional<std::string>(const std::string&)> env;

  // The command line's flags (after absl::ParseCommandLine) and the process
  // environment.
  static ConfigSource FromProcess();
};

// Reads and checks a service's configuration; `default_listen` is the
// service's own port, e.g. "127.0.0.1:7001".
absl::StatusOr<ServiceConfig> LoadServiceConfig(const ConfigSource& source,
                                                std::string default_listen);

// The flags LoadServiceConfig reads, in the form "--name" for help texts.
std::string ServiceConfigUsage();

}  // namespace fhub
