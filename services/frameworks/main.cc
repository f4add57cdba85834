// fhub-frameworks: contract holding for shared commissioning frameworks.
// Wiring only: configuration, migrations, the pool, the service, the server.

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
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
constexpr char kServiceName[] = "fhub.frameworks.v1.FrameworkService";

int Fail(const absl::Status& status) {
  fhub::log::Error("startup.failed", {{"error", status.ToString()}});
  std::cerr << "fhub-frameworks: " << status.message() << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  fhub::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "fhub-frameworks [flags]: serves fhub.frameworks.v1.FrameworkService.\n"
      "Settings (flag, or environment variable):\n" +
      fhub::ServiceConfigUsage());
  absl::ParseCommandLine(argc, argv);

  auto config = fhub::LoadServiceConfig(fhub::ConfigSource::FromProcess(),
                                        "127.0.0.1:7001");
  if (!config.ok()) return Fail(config.status());

  if (absl::Status status = fhub::MigrateServiceSchema(
          *config, kSchema, "frameworks", fhub::frameworks::Migrations());
      !status.ok()) {
    return Fail(status);
  }
  if (fhub::MigrateOnly(absl::GetFlag(FLAGS_migrate_only))) {
    fhub::log::Info("migrate.done", {{"schema", kSchema}});
    return 0;
  }

  auto pool = fhub::OpenServicePool(
      *config, kSchema, fhub::frameworks::PgFrameworkStore::Statements());
  if (!pool.ok()) return Fail(pool.status());

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  fhub::frameworks::PgFrameworkStore store;
  fhub::frameworks::PgRecordStore records;
  fhub::frameworks::PlacementCountsFromLead placements;
  fhub::frameworks::FrameworkServiceImpl service(
      pool->get(), &store, &records, &placements, &verifier, &clock);

  fhub::ServerOptions server_options;
  server_options.listen_address = config->listen_address;
  server_options.shutdown_grace = config->shutdown_grace;
  server_options.services = {&service};
  server_options.health_names = {kServiceName};
  server_options.tls_cert = config->tls_cert;
  server_options.tls_key = config->tls_key;
  server_options.tls_client_ca = config->tls_client_ca;
  auto server = fhub::Server::Start(server_options);
  if (!server.ok()) return Fail(server.status());

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
