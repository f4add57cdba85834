// fhub-frameworks: contract holding for shared commissioning frameworks.
// Wiring only: configuration, migrations, the pool, the service, the server.

#include "absl/flags/flag.h"
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
  fhub::frameworks::PlacementCountsFromLead placements;
  fhub::frameworks::FrameworkServiceImpl service(
      pool->get(), &store, &records, &placements, &verifier, &clock);

  auto server = fhub::StartServing(*config, {&service}, kServiceName);
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
