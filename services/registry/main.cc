// fhub-registry: the provider registry. Wiring only: configuration,
// migrations, the pool, the frameworks client, the service, the server.

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/clients/peer_setup.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/server.h"
#include "common/service_start.h"
#include "services/registry/api/framework_directory.h"
#include "services/registry/api/registry_service.h"
#include "services/registry/migrations.h"
#include "services/registry/storage/registry_store.h"

ABSL_FLAG(bool, migrate_only, false,
          "apply the schema migrations and exit (FHUB_MIGRATE_ONLY=1)");
ABSL_FLAG(std::string, frameworks_addr, "",
          "host:port of the frameworks service (FHUB_FRAMEWORKS_ADDR; "
          "default 127.0.0.1:7001)");
ABSL_FLAG(std::string, frameworks_ca_file, "",
          "PEM file of the CA that signed the frameworks service's "
          "certificate; empty for plaintext (FHUB_FRAMEWORKS_CA_FILE)");
ABSL_FLAG(std::string, service_token_file, "",
          "file holding the registry's own SERVICE token, needed when tokens "
          "are verified with a public key (FHUB_SERVICE_TOKEN_FILE); with an "
          "HMAC key the registry signs its own");
ABSL_FLAG(int, frameworks_cache_seconds, -1,
          "how long the eligibility search reuses what the frameworks "
          "service said about a framework (FHUB_FRAMEWORKS_CACHE_SECONDS; "
          "default 5)");

namespace {

constexpr char kSchema[] = "registry";
constexpr char kProgram[] = "fhub-registry";
constexpr char kServiceName[] = "fhub.registry.v1.RegistryService";

}  // namespace

int main(int argc, char** argv) {
  fhub::StartProcess(argc, argv, kProgram, kServiceName);

  auto config = fhub::LoadServiceConfig(fhub::ConfigSource::FromProcess(),
                                        "127.0.0.1:7002");
  if (!config.ok()) return fhub::StartupFailed(kProgram, config.status());

  int cache_seconds = absl::GetFlag(FLAGS_frameworks_cache_seconds);
  if (cache_seconds < 0) {
    const std::string env =
        fhub::FlagOrEnv("", "FHUB_FRAMEWORKS_CACHE_SECONDS", "5");
    if (!absl::SimpleAtoi(env, &cache_seconds) || cache_seconds < 0) {
      return fhub::StartupFailed(
          kProgram,
          absl::InvalidArgumentError(
              "frameworks_cache_seconds must be a whole number of seconds"));
    }
  }

  auto migrated = fhub::MigrateForStart(*config, kSchema, "registry",
                                        fhub::registry::Migrations(),
                                        absl::GetFlag(FLAGS_migrate_only));
  if (!migrated.ok()) return fhub::StartupFailed(kProgram, migrated.status());
  if (*migrated) return 0;

  // earthdistance lives in public.
  auto pool = fhub::OpenServicePool(
      *config, "registry, public", fhub::registry::RegistryStore::Statements());
  if (!pool.ok()) return fhub::StartupFailed(kProgram, pool.status());

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  auto service_token = fhub::OwnServiceToken(
      *config, {"fhub-registry", "services/registry"},
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_service_token_file),
                      "FHUB_SERVICE_TOKEN_FILE", ""),
      &clock);
  if (!service_token.ok())
    return fhub::StartupFailed(kProgram, service_token.status());
  auto channel = fhub::PeerChannel(
      *config,
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_frameworks_addr),
                      "FHUB_FRAMEWORKS_ADDR", "127.0.0.1:7001"),
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_frameworks_ca_file),
                      "FHUB_FRAMEWORKS_CA_FILE", ""),
      "frameworks_ca_file");
  if (!channel.ok()) return fhub::StartupFailed(kProgram, channel.status());
  fhub::registry::GrpcFrameworkDirectoryOptions directory_options;
  directory_options.channel = *channel;
  directory_options.authorization = [token = service_token->get()] {
    return token->Authorization();
  };
  directory_options.cache_ttl = absl::Seconds(cache_seconds);
  fhub::registry::GrpcFrameworkDirectory frameworks(directory_options, &clock);
  fhub::registry::RegistryStore store;
  fhub::registry::RegistryServiceImpl service(pool->get(), &store, &frameworks,
                                              &verifier, &clock);

  auto server = fhub::StartServing(*config, pool->get(), &verifier, &clock,
                                   {&service}, kServiceName);
  if (!server.ok()) return fhub::StartupFailed(kProgram, server.status());

  fhub::WaitForTerminationSignal();
  (*server)->Shutdown();
  return 0;
}
