// fhub-frameworks: contract holding for shared commissioning frameworks.
// Wiring only: configuration, migrations, the pool, the referrals client
// that counts placements, the service, the server.

#include <functional>
#include <string>

#include "absl/flags/flag.h"
#include "common/clients/peer_setup.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/periodic_task.h"
#include "common/server.h"
#include "common/service_start.h"
#include "services/frameworks/api/framework_service.h"
#include "services/frameworks/migrations.h"
#include "services/frameworks/storage/framework_store.h"

ABSL_FLAG(bool, migrate_only, false,
          "apply the schema migrations and exit (FHUB_MIGRATE_ONLY=1)");
ABSL_FLAG(std::string, referrals_addr, "",
          "host:port of the referrals service, which counts the placements "
          "cost sharing is pro rata to (FHUB_REFERRALS_ADDR; default "
          "127.0.0.1:7004)");
ABSL_FLAG(std::string, referrals_ca_file, "",
          "PEM file of the CA that signed the referrals service's "
          "certificate; empty for plaintext (FHUB_REFERRALS_CA_FILE)");
ABSL_FLAG(std::string, service_token_file, "",
          "file holding the frameworks service's own SERVICE token, needed "
          "when tokens are verified with a public key "
          "(FHUB_SERVICE_TOKEN_FILE); with an HMAC key it signs its own");

namespace {

constexpr char kSchema[] = "frameworks";
constexpr char kProgram[] = "fhub-frameworks";
constexpr char kServiceName[] = "fhub.frameworks.v1.FrameworkService";

}  // namespace

int main(int argc, char** argv) {
  fhub::StartProcess(argc, argv, kProgram, kServiceName);

  auto config = fhub::LoadServiceConfig(fhub::ConfigSource::FromProcess(),
                                        "127.0.0.1:7001");
  if (!config.ok()) return fhub::StartupFailed(kProgram, config.status());

  auto migrated = fhub::MigrateForStart(*config, kSchema, "frameworks",
                                        fhub::frameworks::Migrations(),
                                        absl::GetFlag(FLAGS_migrate_only));
  if (!migrated.ok()) return fhub::StartupFailed(kProgram, migrated.status());
  if (*migrated) return 0;

  auto pool = fhub::OpenServicePool(
      *config, kSchema, fhub::frameworks::PgFrameworkStore::Statements());
  if (!pool.ok()) return fhub::StartupFailed(kProgram, pool.status());

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  fhub::frameworks::PgFrameworkStore store;
  fhub::frameworks::PgRecordStore records;
  // Under a public key with no token file the service cannot sign its own
  // token; it still starts (leads may supply placement counts), and
  // counting fails with the reason.
  const std::string token_file = fhub::FlagOrEnv(
      absl::GetFlag(FLAGS_service_token_file), "FHUB_SERVICE_TOKEN_FILE", "");
  auto service_token = fhub::OwnServiceToken(
      *config, {"fhub-frameworks", "services/frameworks"}, token_file, &clock);
  std::function<absl::StatusOr<std::string>()> authorization;
  if (service_token.ok()) {
    authorization = [token = service_token->get()] {
      return token->Authorization();
    };
  } else if (token_file.empty()) {
    fhub::log::Warning("referrals.no_service_token",
                       {{"error", service_token.status().ToString()}});
    authorization = [status = service_token.status()] {
      return absl::StatusOr<std::string>(status);
    };
  } else {
    return fhub::StartupFailed(kProgram, service_token.status());
  }
  auto referrals_channel = fhub::PeerChannel(
      *config,
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_referrals_addr),
                      "FHUB_REFERRALS_ADDR", "127.0.0.1:7004"),
      fhub::FlagOrEnv(absl::GetFlag(FLAGS_referrals_ca_file),
                      "FHUB_REFERRALS_CA_FILE", ""),
      "referrals_ca_file");
  if (!referrals_channel.ok())
    return fhub::StartupFailed(kProgram, referrals_channel.status());
  fhub::frameworks::GrpcPlacementCounterOptions referrals_options;
  referrals_options.channel = *referrals_channel;
  referrals_options.authorization = authorization;
  fhub::frameworks::GrpcPlacementCounter placements(referrals_options);
  fhub::frameworks::FrameworkServiceImpl service(
      pool->get(), &store, &records, &placements, &verifier, &clock);

  auto server = fhub::StartServing(*config, pool->get(), &verifier, &clock,
                                   {&service}, kServiceName);
  if (!server.ok()) return fhub::StartupFailed(kProgram, server.status());

  // Ballots close and frameworks expire as time passes.
  fhub::PeriodicTask housekeeping(absl::Seconds(30), [&service] {
    absl::Status status = service.RunHousekeeping();
    if (!status.ok()) {
      fhub::log::Warning("housekeeping.failed", {{"error", status.ToString()}});
    }
  });

  fhub::WaitForTerminationSignal();
  housekeeping.Stop();
  (*server)->Shutdown();
  return 0;
}
