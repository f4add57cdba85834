#include "common/db/transaction.h"

#include <algorithm>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/transaction>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/errors.h"
#include "common/db/row_scope.h"
#include "common/log.h"

namespace fhub::db {
namespace {

enum class Outcome { kDone, kRetry };

thread_local absl::Time current_deadline = absl::InfiniteFuture();

// statement_timeout in milliseconds for the transaction when the call's
// deadline is nearer than the pool's own limit; empty when it is not.
std::string StatementTimeout(const Pool& pool, absl::Time deadline) {
  if (deadline == absl::InfiniteFuture()) return "";
  const absl::Duration left = deadline - absl::Now();
  if (left >= pool.options().statement_timeout) return "";
  return absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(left)));
}

// The transaction's first statement, one round trip: the calling thread's
// row scope (row_scope.h) and the statement timeout, all local to the
// transaction. Without either there is nothing to set: an empty scope
// matches no row as the settings' absence does.
void Prelude(Tx& tx, const RowScope& scope, const std::string& timeout) {
  if (scope.empty() && timeout.empty()) return;
  tx.exec_prepared(kPreludeStatement.name, scope.authority_id,
                   scope.provider_id, scope.framework_id, scope.organisation,
                   scope.all ? "all" : "", timeout);
}

template <pqxx::isolation_level kLevel>
absl::Status RunOnce(pqxx::connection& connection, const std::string& timeout,
                     const std::function<absl::Status(Tx&)>& body) {
  pqxx::transaction<kLevel> tx(connection);
  Prelude(tx, ScopedRows::Current(), timeout);
  absl::Status status = body(tx);
  if (!status.ok()) {
    tx.abort();
    return status;
  }
  tx.commit();
  return absl::OkStatus();
}

absl::Status RunOnce(Isolation isolation, pqxx::connection& connection,
                     const std::string& timeout,
                     const std::function<absl::Status(Tx&)>& body) {
  switch (isolation) {
    case Isolation::kRepeatableRead:
      return RunOnce<pqxx::repeatable_read>(connection, timeout, body);
    case Isolation::kSerializable:
      return RunOnce<pqxx::serializable>(connection, timeout, body);
    case Isolation::kReadCommitted:
      break;
  }
  return RunOnce<pqxx::read_committed>(connection, timeout, body);
}

void Backoff(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int64_t cap_ms = int64_t{5} << attempt;
  absl::SleepFor(absl::Milliseconds(
      std::uniform_int_distribution<int64_t>(1, cap_ms)(random)));
}

}  // namespace

CallDeadline::CallDeadline(absl::Time deadline) : previous_(current_deadline) {
  current_deadline = deadline;
}

CallDeadline::CallDeadline(std::chrono::system_clock::time_point deadline)
    : CallDeadline(deadline == std::chrono::system_clock::time_point::max()
                       ? absl::InfiniteFuture()
                       : absl::FromChrono(deadline)) {}

CallDeadline::~CallDeadline() { current_deadline = previous_; }

absl::Time CallDeadline::Current() { return current_deadline; }

absl::Status Transact(Pool& pool, const TxOptions& options,
                      const std::function<absl::Status(Tx&)>& body) {
  absl::Status last;
  const absl::Time deadline = current_deadline;
  for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat(options.name, ": the call's deadline passed"));
    }
    auto lease = pool.Acquire(deadline);
    if (!lease.ok()) return lease.status();
    try {
      return RunOnce(options.isolation, lease->connection(),
                     StatementTimeout(pool, deadline), body);
    } catch (const pqxx::in_doubt_error& e) {
      lease->Discard();
      return StatusFromException(e, options.name);
    } catch (const pqxx::broken_connection& e) {
      // Nothing was committed: safe to run again on a fresh connection.
      lease->Discard();
      last = StatusFromException(e, options.name);
    } catch (const pqxx::serialization_failure& e) {
      last = StatusFromException(e, options.name);
    } catch (const pqxx::deadlock_detected& e) {
      last = StatusFromException(e, options.name);
    } catch (const pqxx::sql_error& e) {
      absl::Status status = StatusFromException(e, options.name);
      if (status.code() == absl::StatusCode::kUnavailable) lease->Discard();
      if (status.code() == absl::StatusCode::kInternal) {
        log::Error("db.error", {{"work", options.name},
                                {"sqlstate", e.sqlstate()},
                                {"error", e.what()}});
      }
      return status;
    } catch (const std::exception& e) {
      lease->Discard();
      log::Error("db.error", {{"work", options.name}, {"error", e.what()}});
      return StatusFromException(e, options.name);
    }
    log::Info("db.retry", {{"work", options.name},
                           {"attempt", attempt},
                           {"reason", last.message()}});
    if (attempt < options.max_attempts) Backoff(attempt);
  }
  return last;
}

}  // namespace fhub::db
