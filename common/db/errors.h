#pragma once

// libpqxx exceptions -> absl::Status: the one mapping every storage layer
// uses, so callers retry or give up for the right reasons.

#include <exception>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace fhub::db {

// Maps the exception currently being handled (call inside a catch block) or
// `e` to a status. `context` names what was being done, e.g. "insert
// framework"; the message never includes SQL text or parameters.
absl::Status StatusFromException(const std::exception& e,
                                 absl::string_view context);

// SQLSTATE codes the services treat specially.
inline constexpr absl::string_view kUniqueViolation = "23505";
inline constexpr absl::string_view kForeignKeyViolation = "23503";
inline constexpr absl::string_view kCheckViolation = "23514";
inline constexpr absl::string_view kNotNullViolation = "23502";
inline constexpr absl::string_view kSerializationFailure = "40001";
inline constexpr absl::string_view kDeadlockDetected = "40P01";
inline constexpr absl::string_view kQueryCanceled = "57014";
inline constexpr absl::string_view kRaiseException = "P0001";
// Also a row a row-level security policy refuses to let be written.
inline constexpr absl::string_view kInsufficientPrivilege = "42501";

// The status code a SQLSTATE maps to.
absl::StatusCode CodeForSqlState(absl::string_view sqlstate);

}  // namespace fhub::db
