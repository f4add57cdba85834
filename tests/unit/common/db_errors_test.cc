#include <pqxx/except>
#include <stdexcept>
#include <string>

#include "common/db/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fhub::db {
namespace {

using ::fhub::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

using Code = absl::StatusCode;

TEST(CodeForSqlStateTest, UniqueViolationIsAlreadyExists) {
  EXPECT_EQ(CodeForSqlState(kUniqueViolation), Code::kAlreadyExists);
}

TEST(CodeForSqlStateTest, OtherIntegrityViolationsAreFailedPrecondition) {
  EXPECT_EQ(CodeForSqlState(kForeignKeyViolation), Code::kFailedPrecondition);
  EXPECT_EQ(CodeForSqlState(kCheckViolation), Code::kFailedPrecondition);
  EXPECT_EQ(CodeForSqlState(kNotNullViolation), Code::kFailedPrecondition);
  EXPECT_EQ(CodeForSqlState("23P01"), Code::kFailedPrecondition);  // Exclusion.
  EXPECT_EQ(CodeForSqlState(kRaiseException), Code::kFailedPrecondition);
}

TEST(CodeForSqlStateTest, ConflictsToRetryAreAborted) {
  EXPECT_EQ(CodeForSqlState(kSerializationFailure), Code::kAborted);
  EXPECT_EQ(CodeForSqlState(kDeadlockDetected), Code::kAborted);
}

TEST(CodeForSqlStateTest, StatementTimeoutIsDeadlineExceeded) {
  EXPECT_EQ(CodeForSqlState(kQueryCanceled), Code::kDeadlineExceeded);
}

TEST(CodeForSqlStateTest, RowSecurityRefusalIsPermissionDenied) {
  EXPECT_EQ(CodeForSqlState(kInsufficientPrivilege), Code::kPermissionDenied);
}

TEST(CodeForSqlStateTest, BadDataIsInvalidArgument) {
  EXPECT_EQ(CodeForSqlState("22001"), Code::kInvalidArgument);  // Too long.
  EXPECT_EQ(CodeForSqlState("22P02"), Code::kInvalidArgument);  // Bad text.
  EXPECT_EQ(CodeForSqlState("22021"), Code::kInvalidArgument);  // Encoding.
}

TEST(CodeForSqlStateTest, AbsentDatabaseIsUnavailable) {
  EXPECT_EQ(CodeForSqlState("08006"), Code::kUnavailable);  // Link failure.
  EXPECT_EQ(CodeForSqlState("53300"), Code::kUnavailable);  // Too many conns.
  EXPECT_EQ(CodeForSqlState("57P01"), Code::kUnavailable);  // Admin shutdown.
  EXPECT_EQ(CodeForSqlState("57P03"), Code::kUnavailable);  // Starting up.
  EXPECT_EQ(CodeForSqlState("58030"), Code::kUnavailable);  // I/O error.
}

TEST(CodeForSqlStateTest, OurOwnMistakesAreInternal) {
  EXPECT_EQ(CodeForSqlState("42P01"), Code::kInternal);  // Undefined table.
  EXPECT_EQ(CodeForSqlState("42601"), Code::kInternal);  // Syntax error.
  EXPECT_EQ(CodeForSqlState("XX000"), Code::kInternal);
  EXPECT_EQ(CodeForSqlState(""), Code::kInternal);
}

TEST(StatusFromExceptionTest, BrokenConnectionIsUnavailable) {
  EXPECT_THAT(StatusFromException(pqxx::broken_connection("gone"), "get x"),
              StatusIs(Code::kUnavailable, HasSubstr("get x")));
}

TEST(StatusFromExceptionTest, UnknownOutcomeIsUnavailableAndSaysSo) {
  EXPECT_THAT(
      StatusFromException(pqxx::in_doubt_error("lost"), "create x"),
      StatusIs(Code::kUnavailable,
               AllOf(HasSubstr("create x"), HasSubstr("outcome unknown"))));
}

// libpqxx 6 throws insufficient_privilege without its SQLSTATE: a row
// that row-level security refuses is the caller's to be denied, not a
// lost connection.
TEST(StatusFromExceptionTest, InsufficientPrivilegeIsPermissionDenied) {
  EXPECT_THAT(StatusFromException(
                  pqxx::insufficient_privilege(
                      "ERROR:  new row violates row-level security policy"),
                  "create x"),
              StatusIs(Code::kPermissionDenied, HasSubstr("create x")));
}

// What libpqxx 6 throws when the server dies under a statement: an
// sql_error with no SQLSTATE (seen killing PostgreSQL under load).
TEST(StatusFromExceptionTest, SqlErrorWithoutSqlStateIsALostConnection) {
  const pqxx::sql_error error(
      "server closed the connection unexpectedly\n\tThis probably means the "
      "server terminated abnormally",
      "COMMIT");
  EXPECT_THAT(
      StatusFromException(error, "award referral"),
      StatusIs(Code::kUnavailable, AllOf(HasSubstr("award referral"),
                                         HasSubstr("outcome unknown"))));
}

TEST(StatusFromExceptionTest, SqlErrorNeverShowsQueryOrValues) {
  const pqxx::unique_violation error(
      "ERROR:  duplicate key value violates unique constraint "
      "\"frameworks_pkey\"\nDETAIL:  Key (id)=(secret-value) already exists.",
      "INSERT INTO frameworks VALUES ('secret-value')", "23505");
  EXPECT_THAT(StatusFromException(error, "create framework"),
              StatusIs(Code::kAlreadyExists,
                       AllOf(HasSubstr("create framework"), HasSubstr("23505"),
                             Not(HasSubstr("secret-value")),
                             Not(HasSubstr("INSERT")))));
}

TEST(StatusFromExceptionTest, RaisedExceptionPassesItsFirstLineOn) {
  const pqxx::sql_error error(
      "ERROR:  audit_log is append-only: UPDATE refused\n"
      "CONTEXT:  PL/pgSQL function refuse_change()",
      "UPDATE audit_log SET subject = 'x'", "P0001");
  EXPECT_EQ(StatusFromException(error, "edit audit"),
            absl::FailedPreconditionError(
                "edit audit: audit_log is append-only: UPDATE refused"));
}

TEST(StatusFromExceptionTest, SqlStateDecidesTheCode) {
  EXPECT_THAT(StatusFromException(
                  pqxx::sql_error("ERROR:  x", "SELECT 1", "40001"), "w"),
              StatusIs(Code::kAborted));
  EXPECT_THAT(StatusFromException(
                  pqxx::sql_error("ERROR:  x", "SELECT 1", "23503"), "w"),
              StatusIs(Code::kFailedPrecondition));
}

// libpqxx 6 throws these outside sql_error and without a SQLSTATE.
TEST(StatusFromExceptionTest, SerializationFailureIsAborted) {
  EXPECT_THAT(StatusFromException(
                  pqxx::serialization_failure(
                      "ERROR:  could not serialize access due to concurrent "
                      "update"),
                  "add lot"),
              StatusIs(Code::kAborted, HasSubstr("add lot")));
}

TEST(StatusFromExceptionTest, DeadlockIsAborted) {
  EXPECT_THAT(StatusFromException(
                  pqxx::deadlock_detected("ERROR:  deadlock detected"), "w"),
              StatusIs(Code::kAborted));
  EXPECT_THAT(StatusFromException(
                  pqxx::transaction_rollback("ERROR:  rolled back"), "w"),
              StatusIs(Code::kAborted));
}

TEST(StatusFromExceptionTest, StatementCompletionUnknownIsUnavailable) {
  EXPECT_THAT(StatusFromException(
                  pqxx::statement_completion_unknown("ERROR:  lost"), "w"),
              StatusIs(Code::kUnavailable, HasSubstr("outcome unknown")));
}

TEST(StatusFromExceptionTest, OtherExceptionsAreInternal) {
  EXPECT_THAT(StatusFromException(std::runtime_error("boom"), "list x"),
              StatusIs(Code::kInternal, HasSubstr("list x: boom")));
}

}  // namespace
}  // namespace fhub::db
