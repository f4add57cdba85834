#pragma once

// What every benchmark does around its measurements: find the PostgreSQL
// it may use, make a database of its own there (dropped at the end), and
// keep the services' per-call log lines out of its report.

#include <string>

#include "absl/strings/string_view.h"

namespace fhub::bench {

// `flag` if given, else FHUB_BENCH_DATABASE_URL; empty if neither.
std::string AdminDatabaseUrl(const std::string& flag);

// Runs `sql` outside any transaction (CREATE DATABASE, ANALYZE...).
void ExecAdmin(const std::string& dsn, const std::string& sql);

// Log lines go to stderr only at warning level and above; the rest are
// still formatted, as in production, and dropped.
void QuietServiceLogs();

// A database created on `admin_dsn`'s server for this run, named
// `prefix` and the process id; dropped when it goes out of scope unless
// `keep`.
class BenchDatabase {
 public:
  BenchDatabase(std::string admin_dsn, absl::string_view prefix, bool keep);
  ~BenchDatabase();
  BenchDatabase(const BenchDatabase&) = delete;
  BenchDatabase& operator=(const BenchDatabase&) = delete;

  // A connection string of the database, as the admin role.
  const std::string& dsn() const { return dsn_; }
  // As the services connect: a role that owns the database but is neither
  // a superuser nor BYPASSRLS (kServiceRole), so row-level security binds
  // it as it binds a deployed service.
  const std::string& service_dsn() const { return service_dsn_; }

  static constexpr const char kServiceRole[] = "fhub_bench_service";

 private:
  std::string admin_dsn_, name_, dsn_, service_dsn_;
  bool keep_;
};

}  // namespace fhub::bench
