#include "common/db/errors.h"

#include <pqxx/except>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace fhub::db {

absl::StatusCode CodeForSqlState(absl::string_view sqlstate) {
  if (sqlstate == kUniqueViolation) return absl::StatusCode::kAlreadyExists;
  if (sqlstate == kSerializationFailure || sqlstate == kDeadlockDetected) {
    return absl::StatusCode::kAborted;
  }
  if (sqlstate == kQueryCanceled) return absl::StatusCode::kDeadlineExceeded;
  // Row-level security refused a row the caller may not write.
  if (sqlstate == kInsufficientPrivilege) {
    return absl::StatusCode::kPermissionDenied;
  }
  // Class 23 (integrity), 22 (data) and raised exceptions: the request is
  // well-formed but the stored state refuses it.
  if (absl::StartsWith(sqlstate, "23") || sqlstate == kRaiseException) {
    return absl::StatusCode::kFailedPrecondition;
  }
  if (absl::StartsWith(sqlstate, "22")) {
    return absl::StatusCode::kInvalidArgument;
  }
  // Class 08 (connection), 53 (resources), 57 (operator intervention such
  // as shutdown) and 58 (system): the database is not there to serve.
  if (absl::StartsWith(sqlstate, "08") || absl::StartsWith(sqlstate, "53") ||
      absl::StartsWith(sqlstate, "57") || absl::StartsWith(sqlstate, "58")) {
    return absl::StatusCode::kUnavailable;
  }
  return absl::StatusCode::kInternal;
}

absl::Status StatusFromException(const std::exception& e,
                                 absl::string_view context) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return absl::UnavailableError(
        absl::StrCat(context, ": database connection lost"));
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr ||
      dynamic_cast<const pqxx::statement_completion_unknown*>(&e) != nullptr) {
    return absl::UnavailableError(
        absl::StrCat(context,
                     ": database connection lost; outcome unknown, retry with "
                     "the same request_id"));
  }
  // libpqxx 6 throws serialization failures and deadlocks as
  // transaction_rollback, which is not an sql_error and has no SQLSTATE.
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) {
    absl::string_view state = "40000";
    if (dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr) {
      state = kSerializationFailure;
    } else if (dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr) {
      state = kDeadlockDetected;
    }
    return absl::AbortedError(
        absl::StrCat(context, ": database error ", state));
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    std::string state = sql->sqlstate();
    // libpqxx 6 throws insufficient_privilege (also a row that row-level
    // security refuses) without its SQLSTATE.
    if (state.empty() &&
        dynamic_cast<const pqxx::insufficient_privilege*>(&e) != nullptr) {
      state = std::string(kInsufficientPrivilege);
    }
    if (state.empty()) {
      // No SQLSTATE: the error is libpq's own, not the server's; the server
      // went away mid-statement ("server closed the connection
      // unexpectedly"), so whether a commit landed is unknown.
      return absl::UnavailableError(absl::StrCat(
          context,
          ": database connection lost; outcome unknown, retry with the same "
          "request_id"));
    }
    absl::StatusCode code = CodeForSqlState(state);
    if (state == kRaiseException) {
      // Our own triggers speak to the caller; pass their words on.
      absl::string_view what = sql->what();
      if (absl::StartsWith(what, "ERROR:  ")) what.remove_prefix(8);
      auto newline = what.find('\n');
      return absl::Status(code,
                          absl::StrCat(context, ": ", what.substr(0, newline)));
    }
    return absl::Status(code,
                        absl::StrCat(context, ": database error ", state));
  }
  return absl::InternalError(absl::StrCat(context, ": ", e.what()));
}

}  // namespace fhub::db
