#include "common/db/migrations.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/db/errors.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace fhub::db {
namespace {

constexpr char kChecksum[] = "encode(sha256(convert_to($1, 'UTF8')), 'hex')";

bool IsIdentifier(absl::string_view name) {
  if (name.empty() || name.size() > 63 || !absl::ascii_islower(name[0])) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

absl::StatusOr<int> ParseVersion(absl::string_view file_name) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("migration file name '", file_name,
                     "' must look like V001__describe_the_change.sql"));
  };
  if (file_name.size() < 9 || file_name[0] != 'V' ||
      file_name.substr(file_name.size() - 4) != ".sql") {
    return bad();
  }
  size_t sep = file_name.find("__");
  if (sep == absl::string_view::npos || sep < 2 ||
      sep + 2 >= file_name.size() - 4) {
    return bad();
  }
  int version = 0;
  absl::string_view digits = file_name.substr(1, sep - 1);
  if (!std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(digits, &version) || version < 1) {
    return bad();
  }
  return version;
}

struct Applied {
  std::string file_name;
  bool checksum_matches = false;
};

}  // namespace

absl::StatusOr<std::vector<int>> MigrationVersions(
    const std::vector<MigrationFile>& files) {
  std::vector<int> versions;
  for (const MigrationFile& file : files) {
    FHUB_ASSIGN_OR_RETURN(int version, ParseVersion(file.file_name));
    if (!versions.empty() && version <= versions.back()) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration ", file.file_name,
                       " is out of order or repeats a version number"));
    }
    versions.push_back(version);
  }
  return versions;
}

absl::StatusOr<MigrationReport> Migrate(
    absl::string_view dsn, absl::string_view schema,
    absl::string_view component, const std::vector<MigrationFile>& files) {
  if (!IsIdentifier(schema) || !IsIdentifier(component)) {
    return absl::InvalidArgumentError(
        absl::StrCat("schema '", schema, "' and component '", component,
                     "' must be plain lowercase identifiers"));
  }
  FHUB_ASSIGN_OR_RETURN(std::vector<int> versions, MigrationVersions(files));
  const std::string table = absl::StrCat(schema, ".schema_migrations");
  const std::string lock_key = absl::StrCat("'fhub.migrate.", schema, "'");

  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(std::string(dsn));
  } catch (const std::exception& e) {
    log::Warning("migrate.connect_failed", {{"error", e.what()}});
    return absl::UnavailableError("migrate: cannot connect to the database");
  }

  MigrationReport report;
  try {
    pqxx::nontransaction session(*connection);
    session.exec(
        absl::StrCat("SELECT pg_advisory_lock(hashtext(", lock_key, "))"));
    session.commit();
    {
      pqxx::work tx(*connection);
      tx.exec0(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", schema));
      tx.exec0(absl::StrCat("CREATE TABLE IF NOT EXISTS ", table,
                            " (component text NOT NULL,"
                            " version integer NOT NULL,"
                            " file_name text NOT NULL,"
                            " checksum text NOT NULL,"
                            " applied_at timestamptz NOT NULL DEFAULT now(),"
                            " PRIMARY KEY (component, version))"));
      tx.commit();
    }

    std::map<int, Applied> applied;
    {
      pqxx::read_transaction tx(*connection);
      for (size_t i = 0; i < files.size(); ++i) {
        pqxx::result rows = tx.exec_params(
            absl::StrCat("SELECT file_name, checksum = ", kChecksum, " FROM ",
                         table, " WHERE component = $3 AND version = $2"),
            files[i].sql, versions[i], std::string(component));
        if (!rows.empty()) {
          applied[versions[i]] = {rows[0][0].as<std::string>(),
                                  rows[0][1].as<bool>()};
        }
      }
      pqxx::result recorded =
          tx.exec_params(absl::StrCat("SELECT version, file_name FROM ", table,
                                      " WHERE component = $1 ORDER BY version"),
                         std::string(component));
      for (const pqxx::row& row : recorded) {
        const int version = row[0].as<int>();
        if (applied.count(version) == 0) {
          return absl::FailedPreconditionError(absl::StrCat(
              "migrate ", schema, ": ", row[1].as<std::string>(),
              " was applied to the database but is not in this build; "
              "refusing to run an older build against a newer schema"));
        }
      }
    }

    const int last_applied = applied.empty() ? 0 : applied.rbegin()->first;
    for (size_t i = 0; i < files.size(); ++i) {
      auto it = applied.find(versions[i]);
      if (it != applied.end()) {
        if (!it->second.checksum_matches) {
          return absl::FailedPreconditionError(absl::StrCat(
              "migrate ", schema, ": ", files[i].file_name,
              " was edited after it was applied (checksum differs); add a "
              "new migration instead"));
        }
        ++report.already_applied;
        continue;
      }
      if (versions[i] < last_applied) {
        return absl::FailedPreconditionError(
            absl::StrCat("migrate ", schema, ": ", files[i].file_name,
                         " is numbered below migrations already applied"));
      }
      pqxx::work tx(*connection);
      tx.exec0(absl::StrCat("SET LOCAL search_path TO ", schema));
      try {
        tx.exec(files[i].sql);
      } catch (const pqxx::sql_error& e) {
        return absl::InvalidArgumentError(
            absl::StrCat("migrate ", schema, ": ", files[i].file_name,
                         " failed: ", absl::StripAsciiWhitespace(e.what())));
      }
      tx.exec_params0(absl::StrCat("INSERT INTO ", table,
                                   " (component, version, file_name, checksum)"
                                   " VALUES ($4, $2, $3, ",
                                   kChecksum, ")"),
                      files[i].sql, versions[i], files[i].file_name,
                      std::string(component));
      tx.commit();
      report.applied.push_back(files[i].file_name);
      log::Info("migrate.applied", {{"schema", schema},
                                    {"component", component},
                                    {"file", files[i].file_name}});
    }
    pqxx::nontransaction unlock(*connection);
    unlock.exec(
        absl::StrCat("SELECT pg_advisory_unlock(hashtext(", lock_key, "))"));
  } catch (const std::exception& e) {
    return StatusFromException(e, absl::StrCat("migrate ", schema));
  }
  return report;
}

}  // namespace fhub::db
