#pragma once

// What every service's main() does before it serves: migrate its schema
// (the hub's shared tables, then its own), and open its connection pool,
// each retrying while the database is not yet reachable.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/config.h"
#include "common/db/migrations.h"
#include "common/db/pool.h"

namespace fhub {

// Applies the hub's migrations and then `own` (the service's component,
// e.g. "registry") to `schema`.
absl::Status MigrateServiceSchema(const ServiceConfig& config,
                                  const std::string& schema,
                                  const std::string& component,
                                  const std::vector<db::MigrationFile>& own);

// The service's pool: `search_path`, `statements` prepared on every
// connection, sizes and waits from `config`.
absl::StatusOr<std::unique_ptr<db::Pool>> OpenServicePool(
    const ServiceConfig& config, const std::string& search_path,
    std::vector<db::PreparedStatement> statements);

// --migrate_only or FHUB_MIGRATE_ONLY=1: migrate and exit.
bool MigrateOnly(bool flag);

}  // namespace fhub
