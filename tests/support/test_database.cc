#include "tests/support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace fhub::testing {
namespace {

[[noreturn]] void Fail(absl::string_view what) {
  std::cerr << "test database: " << what << std::endl;
  std::abort();
}

std::string RunCapture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) Fail(absl::StrCat("cannot run ", command));
  std::string out;
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe))
    out.append(buffer, n);
  if (pclose(pipe) != 0) Fail(absl::StrCat("failed: ", command, "\n", out));
  return std::string(absl::StripTrailingAsciiWhitespace(out));
}

std::string ClusterScript() {
  return absl::StrCat(FHUB_SOURCE_DIR, "/deploy/local/pg-cluster.sh");
}

std::string* own_cluster_dir = nullptr;

void StopOwnCluster() {
  if (own_cluster_dir == nullptr) return;
  std::system(absl::StrCat(ClusterScript(), " stop ", *own_cluster_dir,
                           " >/dev/null 2>&1; rm -rf ", *own_cluster_dir)
                  .c_str());
}

std::string StartOwnCluster() {
  char dir[] = "/tmp/fhub-test-XXXXXX";
  if (mkdtemp(dir) == nullptr) Fail("mkdtemp failed");
  own_cluster_dir = new std::string(dir);
  std::atexit(StopOwnCluster);
  return RunCapture(
      absl::StrCat("FHUB_PG_FAST=1 ", ClusterScript(), " start ", dir));
}

// The role the tests' databases belong to and every test connects as: no
// superuser and no BYPASSRLS, so row-level security binds it as it binds
// each service's own role in a deployment.
constexpr absl::string_view kTesterRole = "fhub_tester";

void EnsureTesterRole(const std::string& admin_dsn) {
  // Test binaries start at once under ctest -j: a role another made first
  // is as good.
  try {
    pqxx::connection connection{admin_dsn};
    pqxx::nontransaction tx(connection);
    tx.exec(absl::StrCat(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '",
        kTesterRole, "') THEN CREATE ROLE ", kTesterRole,
        " LOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END "
        "$$"));
  } catch (const std::exception& e) {
    Fail(absl::StrCat("cannot create role ", kTesterRole, ": ", e.what()));
  }
}

// The admin role's name, to connect as it to a test's database.
const std::string& AdminUser() {
  static const std::string* user = [] {
    try {
      pqxx::connection connection{AdminDsn()};
      pqxx::nontransaction tx(connection);
      return new std::string(
          tx.exec1("SELECT current_user")[0].as<std::string>());
    } catch (const std::exception& e) {
      Fail(absl::StrCat("cannot connect as admin: ", e.what()));
    }
  }();
  return *user;
}

}  // namespace

const std::string& AdminDsn() {
  static const std::string* dsn = [] {
    const char* env = std::getenv("FHUB_TEST_DATABASE_URL");
    auto* admin = new std::string(
        env != nullptr && *env != '\0' ? env : StartOwnCluster());
    EnsureTesterRole(*admin);
    return admin;
  }();
  return *dsn;
}

std::string WithDatabase(absl::string_view dsn, absl::string_view database) {
  // Later keywords win in a libpq connection string.
  return absl::StrCat(dsn, " dbname=", database);
}

void Exec(absl::string_view dsn, absl::string_view sql) {
  try {
    pqxx::connection connection{std::string(dsn)};
    pqxx::nontransaction tx(connection);
    tx.exec(std::string(sql));
  } catch (const std::exception& e) {
    Fail(absl::StrCat("'", sql, "': ", e.what()));
  }
}

std::string AsAdmin(absl::string_view dsn) {
  return absl::StrCat(dsn, " user=", AdminUser());
}

void ExecAdmin(absl::string_view dsn, absl::string_view sql) {
  Exec(AsAdmin(dsn), sql);
}

ScratchDatabase::ScratchDatabase() {
  static std::atomic<int> counter{0};
  name_ = absl::StrCat("fhub_test_", getpid(), "_", counter++);
  ExecAdmin(AdminDsn(),
            absl::StrCat("CREATE DATABASE ", name_, " OWNER ", kTesterRole));
  dsn_ = absl::StrCat(WithDatabase(AdminDsn(), name_), " user=", kTesterRole);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    pqxx::connection connection{AdminDsn()};
    pqxx::nontransaction tx(connection);
    tx.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception& e) {
    std::cerr << "test database: cannot drop " << name_ << ": " << e.what()
              << std::endl;
  }
}

void ScratchDatabase::Migrate(
    absl::string_view schema, absl::string_view component,
    const std::vector<db::MigrationFile>& files) const {
  for (const auto& [part, part_files] :
       {std::make_pair(absl::string_view("hub"), &db::HubMigrations()),
        std::make_pair(component, &files)}) {
    auto report = db::Migrate(dsn_, schema, part, *part_files);
    if (!report.ok()) Fail(report.status().ToString());
  }
}

}  // namespace fhub::testing
