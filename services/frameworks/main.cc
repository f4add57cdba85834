// fhub-frameworks: contract holding for shared commissioning frameworks.
// Wiring only: configuration, migrations, the pool, the service, the server.

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"
#include "common/log.h"
#include "common/periodic_task.h"
#include "common/retry.h"
#include "common/server.h"
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

absl::Status MigrateSchema(const fhub::ServiceConfig& config) {
  for (const auto& part :
       {std::make_pair("hub", &fhub::db::HubMigrations()),
        std::make_pair("frameworks", &fhub::frameworks::Migrations())}) {
    absl::Status status = fhub::RetryWhileUnavailable(
        config.database_wait, "migrate", [&]() -> absl::Status {
          return fhub::db::Migrate(config.database_url, kSchema, part.first,
                                   *part.second)
              .status();
        });
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
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

  if (absl::Status status = MigrateSchema(*config); !status.ok()) {
    return Fail(status);
  }
  const char* migrate_env = std::getenv("FHUB_MIGRATE_ONLY");
  if (absl::GetFlag(FLAGS_migrate_only) ||
      (migrate_env != nullptr && std::string(migrate_env) == "1")) {
    fhub::log::Info("migrate.done", {{"schema", kSchema}});
    return 0;
  }

  fhub::db::PoolOptions pool_options;
  pool_options.dsn = config->database_url;
  pool_options.size = config->pool_size;
  pool_options.wait_limit = config->pool_wait;
  pool_options.search_path = kSchema;
  pool_options.statements = fhub::frameworks::PgFrameworkStore::Statements();
  std::unique_ptr<fhub::db::Pool> pool;
  absl::Status pool_status = fhub::RetryWhileUnavailable(
      config->database_wait, "connect", [&]() -> absl::Status {
        auto created = fhub::db::Pool::Create(pool_options);
        if (!created.ok()) return created.status();
        pool = *std::move(created);
        return absl::OkStatus();
      });
  if (!pool_status.ok()) return Fail(pool_status);

  fhub::SystemClock clock;
  fhub::auth::TokenVerifier verifier(config->token, &clock);
  fhub::frameworks::PgFrameworkStore store;
  fhub::frameworks::PgRecordStore records;
  fhub::frameworks::PlacementCountsFromLead placements;
  fhub::frameworks::FrameworkServiceImpl service(
      pool.get(), &store, &records, &placements, &verifier, &clock);

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
