// fhub-referrals: referrals and their mini-competitions, awards,
// placements, block contracts and figures. Wiring only: configuration,
// migrations, the pool, the clients of the other three services, the
// followers of their event streams, the housekeeping sweep, the server.

#include "absl/flags/flag.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/peer_setup.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/periodic_task.h"
#include "common/server.h"
#include "common/service_start.h"
#include "services/referrals/api/follower.h"
#include "services/referrals/api/peers.h"
#include "services/referrals/api/referrals_service.h"
#include "services/referrals/api/webhook_dispatcher.h"
#include "services/referrals/migrations.h"
#include "services/referrals/storage/referrals_store.h"
#include "services/referrals/storage/webhooks_store.h"

ABSL_FLAG(bool, migrate_only, false,
          "apply the schema migrations and exit (FHUB_MIGRATE_ONLY=1)");
ABSL_FLAG(std::string, frameworks_addr, "",
          "host:port of the frameworks service (FHUB_FRAMEWORKS_ADDR; "
          "default 127.0.0.1:7001)");
ABSL_FLAG(std::string, frameworks_ca_file, "",
          "PEM file of the CA that signed the frameworks service's "
          "certificate; empty for plaintext (FHUB_FRAMEWORKS_CA_FILE)");
ABSL_FLAG(std::string, registry_addr, "",
          "host:port of the registry (FHUB_REGISTRY_ADDR; default "
          "127.0.0.1:7002)");
ABSL_FLAG(std::string, registry_ca_file, "",
          "PEM file of the CA that signed the registry's certificate; empty "
          "for plaintext (FHUB_REGISTRY_CA_FILE)");
ABSL_FLAG(std::string, pricing_addr, "",
          "host:port of the pricing service (FHUB_PRICING_ADDR; default "
          "127.0.0.1:7003)");
ABSL_FLAG(std::string, pricing_ca_file, "",
          "PEM file of the CA that signed the pricing service's "
          "certificate; empty for plaintext (FHUB_PRICING_CA_FILE)");
ABSL_FLAG(std::string, service_token_file, "",
          "file holding referrals' own SERVICE token, needed when tokens are "
          "verified with a public key (FHUB_SERVICE_TOKEN_FILE); with an "
          "HMAC key referrals signs its own");
ABSL_FLAG(std::string, webhook_ca_file, "",
          "PEM file of the certificate authorities that webhook endpoints' "
          "certificates are checked with (FHUB_WEBHOOK_CA_FILE; default the "
          "system's, /etc/ssl/certs/ca-certificates.crt)");
ABSL_FLAG(bool, webhook_allow_private_addresses, false,
          "deliver webhooks to endpoints on loopback, private or link-local "
          "addresses too: local development only "
          "(FHUB_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=1)");

namespace {

constexpr char kSchema[] = "referrals";
constexpr char kProgram[] = "fhub-referrals";
constexpr char kServiceName[] = "fhub.referrals.v1.ReferralService";

}  // namespace

int main(int argc, char** argv) {
  fhub::StartProcess(argc, argv, kProgram, kServiceName);

  auto config = fhub::LoadServiceConfig(fhub::ConfigSource::FromProcess(),
                                        "127.0.0.1:7004");
  if (!config.ok()) return fhub::StartupFailed(kProgram, config.status());

  auto migrated = fhub::MigrateForStart(*config, kSchema, "referrals",
                                        fhub::referrals::Migrations(),
                                        absl::GetFlag(FLAGS_migrate_only));
  if (!migrated.ok()) return fhub::StartupFailed(kProgram, migrated.status());
  if (*migrated) return 0;

  auto pool = fhub::OpenServicePool(
      *config, kSchema, fhub::referrals::ReferralsStore::Statements());
  if (!pool.ok()) return fhub::StartupFailed(kProgram, pool.status());

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  auto service_token = fhub::OwnServiceToken(
      *config, {"fhub-referrals", "services/referrals"},
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_service_token_file),
                      "FHUB_SERVICE_TOKEN_FILE", ""),
      &clock);
  if (!service_token.ok())
    return fhub::StartupFailed(kProgram, service_token.status());
  auto authorization = [token = service_token->get()] {
    return token->Authorization();
  };

  auto channel = [&](const absl::Flag<std::string>& addr_flag,
                     const char* addr_env, const char* default_addr,
                     const absl::Flag<std::string>& ca_flag, const char* ca_env,
                     const char* what) {
    return fhub::PeerChannel(
        *config,
        fhub::FlagOrEnv(absl::GetFlag(addr_flag), addr_env, default_addr),
        fhub::FlagOrEnv(absl::GetFlag(ca_flag), ca_env, ""), what);
  };
  auto frameworks_channel =
      channel(FLAGS_frameworks_addr, "FHUB_FRAMEWORKS_ADDR", "127.0.0.1:7001",
              FLAGS_frameworks_ca_file, "FHUB_FRAMEWORKS_CA_FILE",
              "frameworks_ca_file");
  if (!frameworks_channel.ok())
    return fhub::StartupFailed(kProgram, frameworks_channel.status());
  auto registry_channel = channel(FLAGS_registry_addr, "FHUB_REGISTRY_ADDR",
                                  "127.0.0.1:7002", FLAGS_registry_ca_file,
                                  "FHUB_REGISTRY_CA_FILE", "registry_ca_file");
  if (!registry_channel.ok())
    return fhub::StartupFailed(kProgram, registry_channel.status());
  auto pricing_channel =
      channel(FLAGS_pricing_addr, "FHUB_PRICING_ADDR", "127.0.0.1:7003",
              FLAGS_pricing_ca_file, "FHUB_PRICING_CA_FILE", "pricing_ca_file");
  if (!pricing_channel.ok())
    return fhub::StartupFailed(kProgram, pricing_channel.status());

  fhub::FrameworksClientOptions frameworks_options;
  frameworks_options.channel = *frameworks_channel;
  frameworks_options.authorization = authorization;
  fhub::FrameworksClient frameworks(frameworks_options, &clock);
  fhub::referrals::GrpcRegistry registry({*registry_channel, authorization});
  fhub::referrals::GrpcPricing pricing({*pricing_channel, authorization});

  fhub::referrals::ReferralsStore store;
  fhub::referrals::ReferralsServiceImpl service(
      pool->get(), &store, &frameworks, &registry, &pricing, &verifier, &clock);

  // Suspensions, removals, expiries and cessations reach referrals through
  // the other services' event streams.
  fhub::referrals::FollowerOptions follower_options;
  follower_options.registry = {*registry_channel, authorization};
  follower_options.frameworks = {*frameworks_channel, authorization};
  fhub::referrals::ReferralsFollower follower(pool->get(), &store, &service,
                                              follower_options);
  follower.Start();
  // Events are queued for the webhook endpoints registered for them and
  // POSTed, signed, until answered with a 2xx (or given up).
  fhub::referrals::WebhookOptions webhook_options;
  webhook_options.ca_file =
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_webhook_ca_file),
                      "FHUB_WEBHOOK_CA_FILE", webhook_options.ca_file);
  webhook_options.allow_private_addresses =
      absl::GetFlag(FLAGS_webhook_allow_private_addresses) ||
      fhub::FlagOrEnv("", "FHUB_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "") == "1";
  fhub::referrals::WebhooksStore webhooks;
  fhub::referrals::WebhookDispatcher dispatcher(
      pool->get(), &store, &webhooks, &clock, webhook_options,
      fhub::referrals::HttpsWebhookSender(webhook_options));
  dispatcher.Start();
  // Competitions whose deadline has passed are closed for good; old
  // finished webhook deliveries are swept.
  fhub::PeriodicTask housekeeping(absl::Seconds(30), [&service, &dispatcher] {
    auto closed = service.CloseDueCompetitions();
    if (!closed.ok()) {
      fhub::log::Warning("close_competitions_failed",
                         {{"error", closed.status().ToString()}});
    }
    auto swept = dispatcher.Sweep();
    if (!swept.ok()) {
      fhub::log::Warning("webhook_sweep_failed",
                         {{"error", swept.status().ToString()}});
    }
  });

  auto server = fhub::StartServing(*config, pool->get(), &verifier, &clock,
                                   {&service}, kServiceName);
  if (!server.ok()) return fhub::StartupFailed(kProgram, server.status());

  fhub::WaitForTerminationSignal();
  housekeeping.Stop();
  dispatcher.Stop();
  follower.Stop();
  (*server)->Shutdown();
  return 0;
}
