#include "common/service_start.h"

#include <cstdlib>
#include <iostream>
#include <utility>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/log.h"
#include "common/retry.h"

namespace fhub {

absl::Status MigrateServiceSchema(const ServiceConfig& config,
                                  const std::string& schema,
                                  const std::string& component,
                                  const std::vector<db::MigrationFile>& own) {
  for (const auto& part :
       {std::make_pair(std::string("hub"), &db::HubMigrations()),
        std::make_pair(component, &own)}) {
    absl::Status status = RetryWhileUnavailable(
        config.database_wait, "migrate", [&]() -> absl::Status {
          return db::Migrate(config.database_url, schema, part.first,
                             *part.second)
              .status();
        });
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<db::Pool>> OpenServicePool(
    const ServiceConfig& config, const std::string& search_path,
    std::vector<db::PreparedStatement> statements) {
  db::PoolOptions options;
  options.dsn = config.database_url;
  options.size = config.pool_size;
  options.wait_limit = config.pool_wait;
  options.search_path = search_path;
  options.statements = std::move(statements);
  std::unique_ptr<db::Pool> pool;
  absl::Status status = RetryWhileUnavailable(
      config.database_wait, "connect", [&]() -> absl::Status {
        auto created = db::Pool::Create(options);
        if (!created.ok()) return created.status();
        pool = *std::move(created);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return pool;
}

bool MigrateOnly(bool flag) {
  const char* env = std::getenv("FHUB_MIGRATE_ONLY");
  return flag || (env != nullptr && std::string(env) == "1");
}

void StartProcess(int argc, char** argv, absl::string_view program,
                  absl::string_view service) {
  BlockTerminationSignals();
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(absl::StrCat(
      program, " [flags]: serves ", service,
      ".\nSettings (flag, or environment variable):\n", ServiceConfigUsage()));
  absl::ParseCommandLine(argc, argv);
}

int StartupFailed(absl::string_view program, const absl::Status& status) {
  log::Error("startup.failed", {{"error", status.ToString()}});
  std::cerr << program << ": " << status.message() << std::endl;
  return 1;
}

absl::StatusOr<bool> MigrateForStart(const ServiceConfig& config,
                                     const std::string& schema,
                                     const std::string& component,
                                     const std::vector<db::MigrationFile>& own,
                                     bool migrate_only_flag) {
  absl::Status status = MigrateServiceSchema(config, schema, component, own);
  if (!status.ok()) return status;
  if (!MigrateOnly(migrate_only_flag)) return false;
  log::Info("migrate.done", {{"schema", schema}});
  return true;
}

absl::StatusOr<std::unique_ptr<Server>> StartServing(
    const ServiceConfig& config, std::vector<grpc::Service*> services,
    const std::string& health_name) {
  ServerOptions options;
  options.listen_address = config.listen_address;
  options.shutdown_grace = config.shutdown_grace;
  options.services = std::move(services);
  options.health_names = {health_name};
  options.tls_cert = config.tls_cert;
  options.tls_key = config.tls_key;
  options.tls_client_ca = config.tls_client_ca;
  return Server::Start(std::move(options));
}

}  // namespace fhub
