#include "bench/bench_database.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace fhub::bench {

std::string AdminDatabaseUrl(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("FHUB_BENCH_DATABASE_URL");
  return env != nullptr ? env : "";
}

void ExecAdmin(const std::string& dsn, const std::string& sql) {
  pqxx::connection connection{dsn};
  pqxx::nontransaction tx(connection);
  tx.exec(sql);
}

void QuietServiceLogs() {
  log::SetSink([](absl::string_view line) {
    if (absl::StrContains(line, "level=error") ||
        absl::StrContains(line, "level=warning")) {
      std::cerr << line << "\n";
    }
  });
}

BenchDatabase::BenchDatabase(std::string admin_dsn, absl::string_view prefix,
                             bool keep)
    : admin_dsn_(std::move(admin_dsn)),
      name_(absl::StrCat(prefix, getpid())),
      // Later keywords win in a libpq connection string.
      dsn_(absl::StrCat(admin_dsn_, " dbname=", name_)),
      service_dsn_(absl::StrCat(dsn_, " user=", kServiceRole)),
      keep_(keep) {
  ExecAdmin(admin_dsn_,
            absl::StrCat("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles "
                         "WHERE rolname = '",
                         kServiceRole, "') THEN CREATE ROLE ", kServiceRole,
                         " LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$"));
  ExecAdmin(admin_dsn_,
            absl::StrCat("CREATE DATABASE ", name_, " OWNER ", kServiceRole));
}

BenchDatabase::~BenchDatabase() {
  if (keep_) {
    std::cout << "kept database " << name_ << "\n";
    return;
  }
  try {
    ExecAdmin(admin_dsn_,
              absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception& e) {
    std::cerr << "cannot drop " << name_ << ": " << e.what() << "\n";
  }
}

}  // namespace fhub::bench
