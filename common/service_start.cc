#include "common/service_start.h"

#include <cstdlib>
#include <utility>

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

}  // namespace fhub
