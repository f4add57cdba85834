#include "services/gateway/gateway_config.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace fhub::gateway {
namespace {

std::string Lookup(const ConfigSource& source, const std::string& flag,
                   const std::string& fallback) {
  auto it = source.flags.find(flag);
  if (it != source.flags.end() && !it->second.empty()) return it->second;
  if (source.env) {
    std::optional<std::string> value =
        source.env(absl::StrCat("FHUB_", absl::AsciiStrToUpper(flag)));
    if (value.has_value() && !value->empty()) return *value;
  }
  return fallback;
}

absl::Status Bad(const std::string& flag, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "--", flag, " (FHUB_", absl::AsciiStrToUpper(flag), "): ", what));
}

absl::StatusOr<int64_t> Number(const ConfigSource& source,
                               const std::string& flag, int64_t fallback,
                               int64_t low, int64_t high) {
  const std::string text = Lookup(source, flag, "");
  if (text.empty()) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < low || value > high) {
    return Bad(flag, absl::StrCat("must be a whole number from ", low, " to ",
                                  high, "; got \"", text, "\""));
  }
  return value;
}

absl::StatusOr<std::string> ReadFile(const std::string& flag,
                                     const std::string& path) {
  std::ifstream in(path);
  if (!in) return Bad(flag, absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<GatewayConfig> LoadGatewayConfig(const ConfigSource& source) {
  GatewayConfig config;
  const std::string listen = Lookup(source, "listen", "127.0.0.1:7000");
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return Bad("listen", absl::StrCat("must be host:port; got \"", listen,
                                      "\""));
  }
  config.http.host = listen.substr(0, colon);
  config.http.port = port;

  config.http.tls_cert_file = Lookup(source, "tls_cert_file", "");
  config.http.tls_key_file = Lookup(source, "tls_key_file", "");
  if (config.http.tls_cert_file.empty() != config.http.tls_key_file.empty()) {
    return Bad("tls_cert_file",
               "give both tls_cert_file and tls_key_file, or neither");
  }
  if (!config.http.tls_cert_file.empty()) {
    auto cert = ReadFile("tls_cert_file", config.http.tls_cert_file);
    if (!cert.ok()) return cert.status();
    auto key = ReadFile("tls_key_file", config.http.tls_key_file);
    if (!key.ok()) return key.status();
    config.tls_cert = *std::move(cert);
    config.tls_key = *std::move(key);
  }

  struct Peer {
    const char* service;
    const char* name;
    const char* address;
  };
  for (const Peer& peer :
       {Peer{"fhub.frameworks.v1.FrameworkService", "frameworks",
             "127.0.0.1:7001"},
        Peer{"fhub.registry.v1.RegistryService", "registry", "127.0.0.1:7002"},
        Peer{"fhub.pricing.v1.PricingService", "pricing", "127.0.0.1:7003"},
        Peer{"fhub.referrals.v1.ReferralService", "referrals",
             "127.0.0.1:7004"}}) {
    BackendAddress& backend = config.backends[peer.service];
    backend.address =
        Lookup(source, absl::StrCat(peer.name, "_addr"), peer.address);
    backend.ca_file = Lookup(source, absl::StrCat(peer.name, "_ca_file"), "");
  }

  auto timeout = Number(source, "call_timeout_ms", 10000, 1, 600000);
  if (!timeout.ok()) return timeout.status();
  config.http.call_timeout = absl::Milliseconds(*timeout);
  config.http.max_call_timeout =
      std::max(config.http.max_call_timeout, config.http.call_timeout);
  auto body = Number(source, "max_body_bytes", 1 << 20, 1 << 10, 64 << 20);
  if (!body.ok()) return body.status();
  config.http.max_body_bytes = static_cast<size_t>(*body);
  auto threads = Number(source, "http_threads", 64, 4, 1024);
  if (!threads.ok()) return threads.status();
  config.http.threads = static_cast<int>(*threads);

  config.http.web_root = Lookup(source, "web_root", "");
  const std::string dev = Lookup(source, "dev_mode", "");
  if (!dev.empty() && dev != "0" && dev != "1" && dev != "true" &&
      dev != "false") {
    return Bad("dev_mode", absl::StrCat("must be 1 or 0; got \"", dev, "\""));
  }
  config.dev_mode = dev == "1" || dev == "true";
  if (config.dev_mode) {
    const std::string& host = config.http.host;
    if (host != "127.0.0.1" && host != "localhost" && host != "::1" &&
        host != "[::1]") {
      return Bad("dev_mode",
                 absl::StrCat("the development sign-in mints tokens for "
                              "anyone who asks: it is served on a loopback "
                              "address only, not ",
                              host));
    }
    std::string key = Lookup(source, "token_key", "");
    const std::string key_file = Lookup(source, "token_key_file", "");
    if (key.empty() && !key_file.empty()) {
      auto text = ReadFile("token_key_file", key_file);
      if (!text.ok()) return text.status();
      key = std::string(absl::StripAsciiWhitespace(*text));
    }
    if (key.size() < 32) {
      return Bad("dev_mode",
                 "needs the hub's HMAC key (token_key or token_key_file, 32 "
                 "bytes or more) to sign development tokens");
    }
    config.dev.token_key = key;
    config.dev.issuer = Lookup(source, "token_issuer", "fhub-dev");
    config.dev.audience = Lookup(source, "token_audience", "fhub");
  }
  if (const std::string trust = Lookup(source, "trust_file", "");
      !trust.empty()) {
    auto issuers = auth::LoadTrustFile(trust);
    if (!issuers.ok()) return Bad("trust_file", issuers.status().message());
    config.trusted_issuers = *std::move(issuers);
  }
  config.public_url = Lookup(
      source, "public_url",
      absl::StrCat(config.http.tls_cert_file.empty() ? "http://" : "https://",
                   listen));
  while (absl::EndsWith(config.public_url, "/")) config.public_url.pop_back();
  if (!absl::StartsWith(config.public_url, "https://") &&
      !absl::StartsWith(config.public_url, "http://")) {
    return Bad("public_url", "must be an http(s):// URL");
  }
  if (const std::string key_file = Lookup(source, "session_key_file", "");
      !key_file.empty()) {
    auto key = ReadFile("session_key_file", key_file);
    if (!key.ok()) return key.status();
    if (key->size() < 32) {
      return Bad("session_key_file", "must hold 32 bytes or more");
    }
    config.session_key = *std::move(key);
  }
  config.metrics_listen = Lookup(source, "metrics_listen", "");
  if (!config.metrics_listen.empty()) {
    const size_t at = config.metrics_listen.rfind(':');
    int metrics_port = -1;
    if (at == std::string::npos ||
        !absl::SimpleAtoi(config.metrics_listen.substr(at + 1),
                          &metrics_port) ||
        metrics_port < 0 || metrics_port > 65535) {
      return Bad("metrics_listen", absl::StrCat("must be host:port; got \"",
                                                config.metrics_listen, "\""));
    }
    if (config.metrics_listen == listen) {
      return Bad("metrics_listen", "must differ from listen");
    }
  }
  return config;
}

}  // namespace fhub::gateway
