#pragma once

// Schema migrations: each service owns one PostgreSQL schema whose history is
// a list of numbered SQL files, "V001__create_frameworks.sql", ... Each file
// is applied once, in order, in its own transaction, and recorded with a
// SHA-256 checksum; a file edited after it was applied, a file missing from
// the build, or a new file numbered below the last applied one stops the
// service from starting. Replicas starting together serialise on an
// advisory lock.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace fhub::db {

struct MigrationFile {
  // "V{number}__{description}.sql".
  std::string file_name;
  std::string sql;
};

struct MigrationReport {
  // Files applied by this run, in order.
  std::vector<std::string> applied;
  // Files that had been applied before.
  int already_applied = 0;
};

// Checks the file names: V{n}__{words}.sql, numbers distinct. The version of
// each file is returned in order.
absl::StatusOr<std::vector<int>> MigrationVersions(
    const std::vector<MigrationFile>& files);

// Brings `component`'s part of `schema` up to date. A schema holds the
// hub's shared tables (component "hub": audit, idempotency) and the
// service's own (component "frameworks", ...), each with its own numbering.
// UNAVAILABLE if the database cannot be reached, FAILED_PRECONDITION if the
// recorded history disagrees with `files`, INVALID_ARGUMENT for a badly named
// file or a file PostgreSQL rejects.
absl::StatusOr<MigrationReport> Migrate(
    absl::string_view dsn, absl::string_view schema,
    absl::string_view component, const std::vector<MigrationFile>& files);

// The hub's shared tables, present in every service schema.
const std::vector<MigrationFile>& HubMigrations();

}  // namespace fhub::db
