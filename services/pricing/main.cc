// fhub-pricing: per-authority price books, rate cards, quotes, offer checks
// and benchmarks. Wiring only: configuration, migrations, the pool, the
// frameworks and registry clients, the service, the server.

#include "absl/flags/flag.h"
#include "common/clients/frameworks_client.h"
#include "common/clients/peer_setup.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/server.h"
#include "common/service_start.h"
#include "services/pricing/api/book_cache.h"
#include "services/pricing/api/pricing_service.h"
#include "services/pricing/api/provider_directory.h"
#include "services/pricing/migrations.h"
#include "services/pricing/storage/pricing_store.h"

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
ABSL_FLAG(std::string, service_token_file, "",
          "file holding pricing's own SERVICE token, needed when tokens are "
          "verified with a public key (FHUB_SERVICE_TOKEN_FILE); with an "
          "HMAC key pricing signs its own");

namespace {

constexpr char kSchema[] = "pricing";
constexpr char kProgram[] = "fhub-pricing";
constexpr char kServiceName[] = "fhub.pricing.v1.PricingService";

}  // namespace

int main(int argc, char** argv) {
  fhub::StartProcess(argc, argv, kProgram, kServiceName);

  auto config = fhub::LoadServiceConfig(fhub::ConfigSource::FromProcess(),
                                        "127.0.0.1:7003");
  if (!config.ok()) return fhub::StartupFailed(kProgram, config.status());

  auto migrated = fhub::MigrateForStart(*config, kSchema, "pricing",
                                        fhub::pricing::Migrations(),
                                        absl::GetFlag(FLAGS_migrate_only));
  if (!migrated.ok()) return fhub::StartupFailed(kProgram, migrated.status());
  if (*migrated) return 0;

  auto pool = fhub::OpenServicePool(*config, kSchema,
                                    fhub::pricing::PricingStore::Statements());
  if (!pool.ok()) return fhub::StartupFailed(kProgram, pool.status());

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  auto service_token = fhub::OwnServiceToken(
      *config, {"fhub-pricing", "services/pricing"},
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_service_token_file),
                      "FHUB_SERVICE_TOKEN_FILE", ""),
      &clock);
  if (!service_token.ok())
    return fhub::StartupFailed(kProgram, service_token.status());
  auto authorization = [token = service_token->get()] {
    return token->Authorization();
  };

  auto frameworks_channel = fhub::PeerChannel(
      *config,
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_frameworks_addr),
                      "FHUB_FRAMEWORKS_ADDR", "127.0.0.1:7001"),
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_frameworks_ca_file),
                      "FHUB_FRAMEWORKS_CA_FILE", ""),
      "frameworks_ca_file");
  if (!frameworks_channel.ok())
    return fhub::StartupFailed(kProgram, frameworks_channel.status());
  fhub::FrameworksClientOptions frameworks_options;
  frameworks_options.channel = *frameworks_channel;
  frameworks_options.authorization = authorization;
  fhub::FrameworksClient frameworks(frameworks_options, &clock);

  auto registry_channel =
      fhub::PeerChannel(*config,
                        fhub::FlagOrEnv(absl::GetFlag(FLAGS_registry_addr),
                                        "FHUB_REGISTRY_ADDR", "127.0.0.1:7002"),
                        fhub::FlagOrEnv(absl::GetFlag(FLAGS_registry_ca_file),
                                        "FHUB_REGISTRY_CA_FILE", ""),
                        "registry_ca_file");
  if (!registry_channel.ok())
    return fhub::StartupFailed(kProgram, registry_channel.status());
  fhub::pricing::GrpcProviderDirectoryOptions registry_options;
  registry_options.channel = *registry_channel;
  registry_options.authorization = authorization;
  fhub::pricing::GrpcProviderDirectory providers(registry_options);

  // Quotes read books from memory; changes anywhere reach it through
  // PostgreSQL notifications on a connection of its own.
  fhub::pricing::BookCacheOptions cache_options;
  cache_options.database_url = config->database_url;
  fhub::pricing::BookCache cache(cache_options);
  cache.Start();

  fhub::pricing::PricingStore store;
  fhub::pricing::PricingServiceImpl service(
      pool->get(), &store, &frameworks, &providers, &verifier, &clock, &cache);

  auto server = fhub::StartServing(*config, pool->get(), &verifier, &clock,
                                   {&service}, kServiceName);
  if (!server.ok()) return fhub::StartupFailed(kProgram, server.status());

  fhub::WaitForTerminationSignal();
  (*server)->Shutdown();
  return 0;
}
