#pragma once

// The PostgreSQL the tests run against: FHUB_TEST_DATABASE_URL when set (a
// role that may create databases), otherwise a private cluster this process
// starts with deploy/local/pg-cluster.sh in a temporary folder and stops at
// exit. Each test gets a fresh database of its own, dropped afterwards,
// owned by and connected to as fhub_tester: a role without superuser or
// BYPASSRLS, so that row-level security binds the tests as it binds the
// services' roles.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/db/migrations.h"

namespace fhub::testing {

// Connection string of a role that can create databases.
const std::string& AdminDsn();

// `dsn` with its database replaced by `database`.
std::string WithDatabase(absl::string_view dsn, absl::string_view database);

// A database that exists for the lifetime of the object.
class ScratchDatabase {
 public:
  // Creates a fresh database; aborts the test binary if that fails.
  ScratchDatabase();
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  // Connects as fhub_tester.
  const std::string& dsn() const { return dsn_; }

  // Applies the hub's shared tables and then `files` as `component` to
  // `schema`; aborts on failure.
  void Migrate(absl::string_view schema, absl::string_view component,
               const std::vector<db::MigrationFile>& files) const;

 private:
  std::string name_;
  std::string dsn_;
};

// `dsn` as the admin role: to inspect a test's database past row-level
// security.
std::string AsAdmin(absl::string_view dsn);

// Runs SQL as the admin role on `dsn`'s database (setup and inspection
// past row-level security).
void ExecAdmin(absl::string_view dsn, absl::string_view sql);

// Runs SQL as `dsn`'s own role (setup of tables that role uses).
void Exec(absl::string_view dsn, absl::string_view sql);

}  // namespace fhub::testing
