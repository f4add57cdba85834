// fhub-gateway: every rpc of the hub's four services over HTTP/JSON (REST by
// each rpc's google.api.http rule, the Connect protocol's unary shape, and
// server streams as Server-Sent Events), with the OpenAPI document. Wiring
// only: configuration, the routes, a channel per service, the HTTP server.

#include <map>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/clients/peer_setup.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/metrics_server.h"
#include "common/server.h"
#include "common/service_start.h"
#include "services/gateway/api/backends.h"
#include "services/gateway/api/http_gateway.h"
#include "services/gateway/api/oidc_sign_in.h"
#include "services/gateway/api/session_cookie.h"
#include "services/gateway/api/routes.h"
#include "services/gateway/gateway_config.h"

ABSL_FLAG(std::string, frameworks_addr, "",
          "host:port of the frameworks service (FHUB_FRAMEWORKS_ADDR)");
ABSL_FLAG(std::string, registry_addr, "",
          "host:port of the registry (FHUB_REGISTRY_ADDR)");
ABSL_FLAG(std::string, pricing_addr, "",
          "host:port of pricing (FHUB_PRICING_ADDR)");
ABSL_FLAG(std::string, referrals_addr, "",
          "host:port of referrals (FHUB_REFERRALS_ADDR)");
ABSL_FLAG(std::string, frameworks_ca_file, "",
          "PEM CA of the frameworks service: call it over TLS");
ABSL_FLAG(std::string, registry_ca_file, "",
          "PEM CA of the registry: call it over TLS");
ABSL_FLAG(std::string, pricing_ca_file, "",
          "PEM CA of pricing: call it over TLS");
ABSL_FLAG(std::string, referrals_ca_file, "",
          "PEM CA of referrals: call it over TLS");
ABSL_FLAG(std::string, call_timeout_ms, "",
          "deadline of a call in ms, default 10000 (FHUB_CALL_TIMEOUT_MS)");
ABSL_FLAG(std::string, max_body_bytes, "",
          "largest request body, default 1048576 (FHUB_MAX_BODY_BYTES)");
ABSL_FLAG(std::string, http_threads, "",
          "threads serving HTTP connections, default 64 (FHUB_HTTP_THREADS)");
ABSL_FLAG(std::string, web_root, "",
          "directory of the web console's built files (FHUB_WEB_ROOT)");
ABSL_FLAG(std::string, public_url, "",
          "where people reach the gateway, for sign-in redirects "
          "(FHUB_PUBLIC_URL)");
ABSL_FLAG(std::string, session_key_file, "",
          "file of the key sealing console sessions, shared by replicas "
          "(FHUB_SESSION_KEY_FILE)");
ABSL_FLAG(std::string, dev_mode, "",
          "1: serve the development sign-in, on loopback only "
          "(FHUB_DEV_MODE)");

namespace fhub::gateway {
std::string_view OpenApiDocument();
}  // namespace fhub::gateway

namespace {

constexpr char kProgram[] = "fhub-gateway";

fhub::ConfigSource Source() {
  fhub::ConfigSource source = fhub::ConfigSource::FromProcess();
  source.flags["frameworks_addr"] = absl::GetFlag(FLAGS_frameworks_addr);
  source.flags["registry_addr"] = absl::GetFlag(FLAGS_registry_addr);
  source.flags["pricing_addr"] = absl::GetFlag(FLAGS_pricing_addr);
  source.flags["referrals_addr"] = absl::GetFlag(FLAGS_referrals_addr);
  source.flags["frameworks_ca_file"] = absl::GetFlag(FLAGS_frameworks_ca_file);
  source.flags["registry_ca_file"] = absl::GetFlag(FLAGS_registry_ca_file);
  source.flags["pricing_ca_file"] = absl::GetFlag(FLAGS_pricing_ca_file);
  source.flags["referrals_ca_file"] = absl::GetFlag(FLAGS_referrals_ca_file);
  source.flags["call_timeout_ms"] = absl::GetFlag(FLAGS_call_timeout_ms);
  source.flags["max_body_bytes"] = absl::GetFlag(FLAGS_max_body_bytes);
  source.flags["http_threads"] = absl::GetFlag(FLAGS_http_threads);
  source.flags["web_root"] = absl::GetFlag(FLAGS_web_root);
  source.flags["dev_mode"] = absl::GetFlag(FLAGS_dev_mode);
  source.flags["public_url"] = absl::GetFlag(FLAGS_public_url);
  source.flags["session_key_file"] = absl::GetFlag(FLAGS_session_key_file);
  return source;
}

}  // namespace

int main(int argc, char** argv) {
  fhub::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "fhub-gateway [flags]: the hub's rpcs over HTTP/JSON; settings in "
      "services/gateway/gateway_config.h and the README");
  absl::ParseCommandLine(argc, argv);

  auto config = fhub::gateway::LoadGatewayConfig(Source());
  if (!config.ok()) return fhub::StartupFailed(kProgram, config.status());
  auto routes =
      fhub::gateway::RouteTable::FromServices(fhub::gateway::HubServices());
  if (!routes.ok()) return fhub::StartupFailed(kProgram, routes.status());

  fhub::ServiceConfig peer_tls;
  peer_tls.tls_cert = config->tls_cert;
  peer_tls.tls_key = config->tls_key;
  std::map<std::string, std::unique_ptr<fhub::gateway::Backend>> owned;
  std::map<std::string, fhub::gateway::Backend*> backends;
  for (const auto& [service, where] : config->backends) {
    auto channel = fhub::PeerChannel(peer_tls, where.address, where.ca_file,
                                     absl::StrCat(service, " ca_file"));
    if (!channel.ok()) return fhub::StartupFailed(kProgram, channel.status());
    owned[service] = std::make_unique<fhub::gateway::Backend>(*channel);
    backends[service] = owned[service].get();
    fhub::log::Info("gateway.backend",
                    {{"service", service}, {"address", where.address}});
  }

  config->http.openapi_json = std::string(fhub::gateway::OpenApiDocument());
  fhub::SystemClock clock;
  std::unique_ptr<fhub::gateway::DevSignIn> dev_sign_in;
  if (config->dev_mode) {
    dev_sign_in =
        std::make_unique<fhub::gateway::DevSignIn>(config->dev, &clock);
    config->http.dev_sign_in = dev_sign_in.get();
    fhub::log::Warning("gateway.dev_mode",
                       {{"note", "development sign-in served: never in "
                                 "production"}});
  }
  fhub::gateway::SessionSeal seal(config->session_key);
  if (config->session_key.empty()) {
    fhub::log::Warning(
        "gateway.session_key",
        {{"note", "no session_key_file: console sessions end with this "
                  "process and are not shared with other replicas"}});
  }
  config->http.seal = &seal;
  std::unique_ptr<fhub::auth::ExternalIssuers> issuers;
  std::unique_ptr<fhub::gateway::OidcSignIn> oidc;
  if (!config->trusted_issuers.empty()) {
    issuers = std::make_unique<fhub::auth::ExternalIssuers>(
        config->trusted_issuers, fhub::DefaultHttpGet(), &clock);
    fhub::gateway::OidcOptions oidc_options;
    oidc_options.public_url = config->public_url;
    oidc_options.secure_cookies = config->http.secure_cookies;
    oidc = std::make_unique<fhub::gateway::OidcSignIn>(
        oidc_options, issuers.get(), &seal, &clock);
    config->http.oidc = oidc.get();
  }
  fhub::gateway::HttpGateway gateway(config->http, &*routes, backends);
  if (absl::Status started = gateway.Start(); !started.ok()) {
    return fhub::StartupFailed(kProgram, started);
  }
  std::unique_ptr<fhub::metrics::MetricsServer> metrics;
  if (!config->metrics_listen.empty()) {
    auto started = fhub::metrics::MetricsServer::Start(
        config->metrics_listen, &fhub::metrics::Default());
    if (!started.ok()) return fhub::StartupFailed(kProgram, started.status());
    metrics = *std::move(started);
  }
  fhub::log::Info("gateway.serving",
                  {{"host", config->http.host},
                   {"port", gateway.port()},
                   {"routes", static_cast<int>(routes->routes().size())},
                   {"tls", !config->http.tls_cert_file.empty()}});
  const int signal = fhub::WaitForTerminationSignal();
  fhub::log::Info("gateway.stopping", {{"signal", signal}});
  gateway.Stop();
  return 0;
}
