#pragma once

// The PostgreSQL the tests run against: FHUB_TEST_DATABASE_URL when set (a
// role that may create databases), otherwise a private cluster this process
// starts with deploy/local/pg-cluster.sh in a temporary folder and stops at
// exit. Each test gets a fresh database of its own, dropped afterwards.

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
  const std::string& dsn() const { return dsn_; }

  // Applies the hub's shared tables and then `files` as `component` to
  // `schema`; aborts on failure.
  void Migrate(absl::string_view schema, absl::string_view component,
               const std::vector<db::MigrationFile>& files) const;

 private:
  std::string name_;
  std::string dsn_;
};

// Runs SQL as the admin role on `dsn`'s database (setup and inspection).
void ExecAdmin(absl::string_view dsn, absl::string_view sql);

}  // namespace fhub::testing
