#include "common/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

// Every flag defaults to empty: empty means "not given", so the environment
// and then the built-in default apply.
ABSL_FLAG(std::string, listen, "", "host:port to serve gRPC on (FHUB_LISTEN)");
ABSL_FLAG(std::string, database_url, "",
          "PostgreSQL connection string or URI (FHUB_DATABASE_URL)");
ABSL_FLAG(std::string, token_key, "",
          "HMAC secret or PEM public key for bearer tokens (FHUB_TOKEN_KEY)");
ABSL_FLAG(std::string, token_key_file, "",
          "file holding the token key (FHUB_TOKEN_KEY_FILE)");
ABSL_FLAG(std::string, token_issuer, "",
          "required token issuer, default fhub-dev (FHUB_TOKEN_ISSUER)");
ABSL_FLAG(std::string, token_audience, "",
          "required token audience, default fhub (FHUB_TOKEN_AUDIENCE)");
ABSL_FLAG(std::string, token_algorithms, "",
          "comma-separated allowed JWT algorithms, default HS256 "
          "(FHUB_TOKEN_ALGORITHMS)");
ABSL_FLAG(std::string, pool_size, "",
          "PostgreSQL connections, 1 to 64, default 6 (FHUB_POOL_SIZE)");
ABSL_FLAG(std::string, pool_wait_ms, "",
          "longest wait for a connection in ms, default 1000 "
          "(FHUB_POOL_WAIT_MS)");
ABSL_FLAG(std::string, shutdown_grace_seconds, "",
          "grace for in-flight calls on SIGTERM, default 10 "
          "(FHUB_SHUTDOWN_GRACE_SECONDS)");
ABSL_FLAG(std::string, database_wait_seconds, "",
          "how long start-up retries an unreachable database, default 30 "
          "(FHUB_DATABASE_WAIT_SECONDS)");

ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain; with tls_key_file, serve TLS "
          "(FHUB_TLS_CERT_FILE)");
ABSL_FLAG(std::string, tls_key_file, "",
          "PEM private key of the certificate (FHUB_TLS_KEY_FILE)");
ABSL_FLAG(std::string, audit_key_file, "",
          "PEM Ed25519 private key signing audit checkpoints "
          "(FHUB_AUDIT_KEY_FILE); unset: a key per process");
ABSL_FLAG(std::string, audit_checkpoint_seconds, "",
          "how often audit checkpoints are signed, default 60 "
          "(FHUB_AUDIT_CHECKPOINT_SECONDS)");
ABSL_FLAG(std::string, idempotency_retention_days, "",
          "how long request_ids are remembered, default 30 "
          "(FHUB_IDEMPOTENCY_RETENTION_DAYS)");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port serving Prometheus metrics at /metrics, e.g. "
          "0.0.0.0:9090 (FHUB_METRICS_LISTEN); unset: none");
ABSL_FLAG(std::string, trust_file, "",
          "JSON file of the identity providers trusted besides the hub's own "
          "issuer (FHUB_TRUST_FILE)");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM CA bundle; clients must present a certificate it signed "
          "(FHUB_TLS_CLIENT_CA_FILE)");

namespace fhub {
namespace {

struct Setting {
  const char* flag;
  const char* env;
};

std::string Lookup(const ConfigSource& source, const Setting& setting,
                   std::string default_value) {
  auto flag = source.flags.find(setting.flag);
  if (flag != source.flags.end() && !flag->second.empty()) return flag->second;
  if (source.env) {
    auto value = source.env(setting.env);
    if (value.has_value() && !value->empty()) return *value;
  }
  return default_value;
}

absl::Status Bad(const Setting& setting, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("configuration: ", setting.flag, " (--", setting.flag,
                   " or ", setting.env, ") ", what));
}

absl::StatusOr<int> IntSetting(const ConfigSource& source,
                               const Setting& setting, int default_value,
                               int min, int max) {
  std::string text = Lookup(source, setting, absl::StrCat(default_value));
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    return Bad(setting, absl::StrCat("must be a whole number from ", min,
                                     " to ", max, ", got '", text, "'"));
  }
  return value;
}

constexpr Setting kListen{"listen", "FHUB_LISTEN"};
constexpr Setting kDatabaseUrl{"database_url", "FHUB_DATABASE_URL"};
constexpr Setting kTokenKey{"token_key", "FHUB_TOKEN_KEY"};
constexpr Setting kTokenKeyFile{"token_key_file", "FHUB_TOKEN_KEY_FILE"};
constexpr Setting kTokenIssuer{"token_issuer", "FHUB_TOKEN_ISSUER"};
constexpr Setting kTokenAudience{"token_audience", "FHUB_TOKEN_AUDIENCE"};
constexpr Setting kTokenAlgorithms{"token_algorithms", "FHUB_TOKEN_ALGORITHMS"};
constexpr Setting kPoolSize{"pool_size", "FHUB_POOL_SIZE"};
constexpr Setting kPoolWaitMs{"pool_wait_ms", "FHUB_POOL_WAIT_MS"};
constexpr Setting kShutdownGrace{"shutdown_grace_seconds",
                                 "FHUB_SHUTDOWN_GRACE_SECONDS"};
constexpr Setting kDatabaseWait{"database_wait_seconds",
                                "FHUB_DATABASE_WAIT_SECONDS"};
constexpr Setting kTlsCert{"tls_cert_file", "FHUB_TLS_CERT_FILE"};
constexpr Setting kTlsKey{"tls_key_file", "FHUB_TLS_KEY_FILE"};
constexpr Setting kTlsClientCa{"tls_client_ca_file", "FHUB_TLS_CLIENT_CA_FILE"};
constexpr Setting kTrustFile{"trust_file", "FHUB_TRUST_FILE"};
constexpr Setting kAuditKeyFile{"audit_key_file", "FHUB_AUDIT_KEY_FILE"};
constexpr Setting kAuditCheckpoint{"audit_checkpoint_seconds",
                                   "FHUB_AUDIT_CHECKPOINT_SECONDS"};
constexpr Setting kIdempotencyRetention{"idempotency_retention_days",
                                        "FHUB_IDEMPOTENCY_RETENTION_DAYS"};
constexpr Setting kMetricsListen{"metrics_listen", "FHUB_METRICS_LISTEN"};

// "host:port" with a port from 0 to 65535.
bool HostPort(const std::string& address) {
  std::vector<std::string> host_port =
      absl::StrSplit(address, absl::MaxSplits(':', 100));
  int port = 0;
  return host_port.size() >= 2 && absl::SimpleAtoi(host_port.back(), &port) &&
         port >= 0 && port <= 65535;
}

// The contents of the file a setting names; empty if the setting is unset.
absl::StatusOr<std::string> FileSetting(const ConfigSource& source,
                                        const Setting& setting) {
  const std::string path = Lookup(source, setting, "");
  if (path.empty()) return std::string();
  std::ifstream in(path);
  if (!in) return Bad(setting, absl::StrCat("cannot read '", path, "'"));
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::string> TokenKey(const ConfigSource& source) {
  std::string key = Lookup(source, kTokenKey, "");
  std::string file = Lookup(source, kTokenKeyFile, "");
  if (!key.empty() && !file.empty()) {
    return Bad(kTokenKey, "and token_key_file are both set; give one");
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in)
      return Bad(kTokenKeyFile, absl::StrCat("cannot read '", file, "'"));
    std::stringstream contents;
    contents << in.rdbuf();
    key = std::string(absl::StripTrailingAsciiWhitespace(contents.str()));
  }
  if (key.empty()) {
    return Bad(kTokenKey, "is required (or token_key_file)");
  }
  return key;
}

}  // namespace

ConfigSource ConfigSource::FromProcess() {
  ConfigSource source;
  source.flags = {
      {kListen.flag, absl::GetFlag(FLAGS_listen)},
      {kDatabaseUrl.flag, absl::GetFlag(FLAGS_database_url)},
      {kTokenKey.flag, absl::GetFlag(FLAGS_token_key)},
      {kTokenKeyFile.flag, absl::GetFlag(FLAGS_token_key_file)},
      {kTokenIssuer.flag, absl::GetFlag(FLAGS_token_issuer)},
      {kTokenAudience.flag, absl::GetFlag(FLAGS_token_audience)},
      {kTokenAlgorithms.flag, absl::GetFlag(FLAGS_token_algorithms)},
      {kPoolSize.flag, absl::GetFlag(FLAGS_pool_size)},
      {kPoolWaitMs.flag, absl::GetFlag(FLAGS_pool_wait_ms)},
      {kShutdownGrace.flag, absl::GetFlag(FLAGS_shutdown_grace_seconds)},
      {kDatabaseWait.flag, absl::GetFlag(FLAGS_database_wait_seconds)},
      {kTlsCert.flag, absl::GetFlag(FLAGS_tls_cert_file)},
      {kTlsKey.flag, absl::GetFlag(FLAGS_tls_key_file)},
      {kTlsClientCa.flag, absl::GetFlag(FLAGS_tls_client_ca_file)},
      {kTrustFile.flag, absl::GetFlag(FLAGS_trust_file)},
      {kAuditKeyFile.flag, absl::GetFlag(FLAGS_audit_key_file)},
      {kAuditCheckpoint.flag, absl::GetFlag(FLAGS_audit_checkpoint_seconds)},
      {kIdempotencyRetention.flag,
       absl::GetFlag(FLAGS_idempotency_retention_days)},
      {kMetricsListen.flag, absl::GetFlag(FLAGS_metrics_listen)},
  };
  source.env = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  return source;
}

absl::StatusOr<ServiceConfig> LoadServiceConfig(const ConfigSource& source,
                                                std::string default_listen) {
  ServiceConfig config;
  config.listen_address = Lookup(source, kListen, std::move(default_listen));
  if (!HostPort(config.listen_address)) {
    return Bad(kListen, absl::StrCat("must be host:port, got '",
                                     config.listen_address, "'"));
  }
  config.database_url = Lookup(source, kDatabaseUrl, "");
  if (config.database_url.empty()) {
    return Bad(kDatabaseUrl,
               "is required, e.g. 'host=/tmp/fhub-dev/pg dbname=fhub "
               "user=fhub_frameworks'");
  }
  FHUB_ASSIGN_OR_RETURN(config.token.key, TokenKey(source));
  config.token.issuer = Lookup(source, kTokenIssuer, "fhub-dev");
  config.token.audience = Lookup(source, kTokenAudience, "fhub");
  config.token.algorithms.clear();
  for (absl::string_view algorithm :
       absl::StrSplit(Lookup(source, kTokenAlgorithms, "HS256"), ',',
                      absl::SkipWhitespace())) {
    // "HS256, HS512" is how people write lists.
    config.token.algorithms.emplace_back(absl::StripAsciiWhitespace(algorithm));
  }
  if (absl::Status status = auth::ValidateTokenOptions(config.token);
      !status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("configuration: ", status.message()));
  }
  if (const std::string trust = Lookup(source, kTrustFile, ""); !trust.empty()) {
    auto issuers = auth::LoadTrustFile(trust);
    if (!issuers.ok()) return Bad(kTrustFile, issuers.status().message());
    for (const auth::TrustedIssuer& issuer : *issuers) {
      if (issuer.issuer == config.token.issuer) {
        return Bad(kTrustFile,
                   absl::StrCat("issuer ", issuer.id, " is the hub's own "
                                "token_issuer; give it another"));
      }
    }
    config.token.trusted_issuers = *std::move(issuers);
  }
  FHUB_ASSIGN_OR_RETURN(config.pool_size,
                        IntSetting(source, kPoolSize, 6, 1, 64));
  FHUB_ASSIGN_OR_RETURN(int wait_ms,
                        IntSetting(source, kPoolWaitMs, 1000, 1, 60000));
  config.pool_wait = absl::Milliseconds(wait_ms);
  FHUB_ASSIGN_OR_RETURN(int grace,
                        IntSetting(source, kShutdownGrace, 10, 0, 300));
  config.shutdown_grace = absl::Seconds(grace);
  FHUB_ASSIGN_OR_RETURN(int wait_s,
                        IntSetting(source, kDatabaseWait, 30, 0, 3600));
  config.database_wait = absl::Seconds(wait_s);
  FHUB_ASSIGN_OR_RETURN(config.tls_cert, FileSetting(source, kTlsCert));
  FHUB_ASSIGN_OR_RETURN(config.tls_key, FileSetting(source, kTlsKey));
  FHUB_ASSIGN_OR_RETURN(config.tls_client_ca,
                        FileSetting(source, kTlsClientCa));
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return Bad(kTlsCert, "and tls_key_file must be given together");
  }
  if (!config.tls_client_ca.empty() && config.tls_cert.empty()) {
    return Bad(kTlsClientCa, "needs tls_cert_file and tls_key_file");
  }
  FHUB_ASSIGN_OR_RETURN(config.audit_key, FileSetting(source, kAuditKeyFile));
  FHUB_ASSIGN_OR_RETURN(int checkpoint,
                        IntSetting(source, kAuditCheckpoint, 60, 1, 86400));
  config.audit_checkpoint_every = absl::Seconds(checkpoint);
  FHUB_ASSIGN_OR_RETURN(int retention,
                        IntSetting(source, kIdempotencyRetention, 30, 1, 3650));
  config.idempotency_retention = absl::Hours(24) * retention;
  config.metrics_listen = Lookup(source, kMetricsListen, "");
  if (!config.metrics_listen.empty()) {
    if (!HostPort(config.metrics_listen)) {
      return Bad(kMetricsListen, absl::StrCat("must be host:port, got '",
                                              config.metrics_listen, "'"));
    }
    if (config.metrics_listen == config.listen_address) {
      return Bad(kMetricsListen,
                 absl::StrCat("must differ from listen (the gRPC port), got '",
                              config.metrics_listen, "'"));
    }
  }
  return config;
}

std::string ServiceConfigUsage() {
  std::string usage;
  for (const Setting& s :
       {kListen, kDatabaseUrl, kTokenKey, kTokenKeyFile, kTokenIssuer,
        kTokenAudience, kTokenAlgorithms, kPoolSize, kPoolWaitMs,
        kShutdownGrace, kDatabaseWait, kTlsCert, kTlsKey, kTlsClientCa,
        kTrustFile, kAuditKeyFile, kAuditCheckpoint, kIdempotencyRetention,
        kMetricsListen}) {
    absl::StrAppend(&usage, "  --", s.flag, " (", s.env, ")\n");
  }
  return usage;
}

}  // namespace fhub
